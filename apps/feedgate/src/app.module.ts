import { type DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@feedgate/bus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app.config';
import { HealthController } from './health/health.controller';
import { TopicsBootstrap } from './topics/topics.bootstrap';

/**
 * The all-in-one app (`npm start`): today the bus and the health endpoint; the gate, dedup,
 * aggregator and gateway modules join it as they land. Config is parsed once (AppConfig)
 * and passed in, so tests can build the module with their own.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: false,
            transport: config.prettyLogs
              ? {
                  target: 'pino-pretty',
                  options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
                }
              : undefined,
          },
        }),
        BusModule.forRoot(config.bus),
      ],
      controllers: [HealthController],
      providers: [{ provide: AppConfig, useValue: config }, TopicsBootstrap],
    };
  }
}
