import { type DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@feedgate/bus';
import { GatewayModule } from '@feedgate/gateway';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app.config';
import { EmbeddedConnectorRegistry } from './embedded/embedded.connector-registry';
import { EmbeddedLifecycle } from './embedded/embedded.lifecycle';
import { EmbeddedPipeline } from './embedded/embedded.pipeline';
import { TopicsBootstrap } from './topics/topics.bootstrap';

/**
 * The all-in-one app (`npm start`): emulator → gates A and B → dedup → aggregator on one bus,
 * and the trader gateway, REST admin and dashboard on top. Config is parsed once (AppConfig)
 * and passed in, so tests can build the module with their own.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const pipeline = new EmbeddedPipeline(config.embedded);
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
        GatewayModule.forRoot({
          config: config.gateway,
          connectorRegistry: new EmbeddedConnectorRegistry(pipeline),
        }),
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: EmbeddedPipeline, useValue: pipeline },
        TopicsBootstrap,
        EmbeddedLifecycle,
      ],
    };
  }
}
