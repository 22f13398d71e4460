import { type DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@feedgate/bus';
import { LoggerModule } from 'nestjs-pino';
import { GateConfig } from './config/gate.config';
import { GateService } from './gate.service';
import { GateHealthController } from './health/gate-health.controller';

/** The Gate service; config is parsed once (GateConfig.fromEnv) and passed in, so tests build their own. */
@Module({})
export class GateModule {
  static forRoot(config: GateConfig): DynamicModule {
    return {
      module: GateModule,
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
      controllers: [GateHealthController],
      providers: [{ provide: GateConfig, useValue: config }, GateService],
    };
  }
}
