import { type DynamicModule, Module } from '@nestjs/common';
import {
  BusModule,
  InProcessBus,
  InProcessTransactionalProcessor,
  KafkaTransactionalProcessor,
  MarketBus,
  TransactionalProcessor,
} from '@feedgate/bus';
import { LoggerModule } from 'nestjs-pino';
import { DedupConfig } from './config/dedup.config';
import { DedupService } from './dedup.service';
import { DedupHealthController } from './health/dedup-health.controller';

/** The dedup service; config parsed once (DedupConfig.fromEnv) and passed in. */
@Module({})
export class DedupModule {
  static forRoot(config: DedupConfig): DynamicModule {
    return {
      module: DedupModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: false,
            transport: config.prettyLogs
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
          },
        }),
        BusModule.forRoot(config.bus),
      ],
      controllers: [DedupHealthController],
      providers: [
        { provide: DedupConfig, useValue: config },
        {
          provide: TransactionalProcessor,
          inject: [MarketBus],
          useFactory: (bus: MarketBus): TransactionalProcessor =>
            config.bus.usesKafka
              ? new KafkaTransactionalProcessor(config.bus, config.transactionalId)
              : new InProcessTransactionalProcessor(bus as InProcessBus, config.bus),
        },
        DedupService,
      ],
    };
  }
}
