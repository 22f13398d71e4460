import { type DynamicModule, Module } from '@nestjs/common';
import { BusConfig } from './bus.config';
import { InProcessBus } from './in-process/in-process.bus';
import { KafkaBus } from './kafka/kafka.bus';
import { MarketBus } from './market-bus';

/**
 * `BusModule.forRoot(config?)` provides MarketBus (and BusConfig) to the whole app: KafkaBus
 * when brokers are configured, the InProcessBus otherwise. Without a config it is read from
 * the environment once (BusConfig.fromEnv; a bad value fails start-up with BusConfigError).
 * The bus is closed on application shutdown (flushes pending publishes).
 */
@Module({})
export class BusModule {
  static forRoot(config?: BusConfig): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [
        { provide: BusConfig, useFactory: () => config ?? BusConfig.fromEnv() },
        {
          provide: MarketBus,
          inject: [BusConfig],
          useFactory: (cfg: BusConfig): MarketBus =>
            cfg.usesKafka ? new KafkaBus(cfg) : new InProcessBus(cfg),
        },
      ],
      exports: [BusConfig, MarketBus],
    };
  }
}
