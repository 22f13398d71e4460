import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { BusModule, MarketBus } from '@feedgate/bus';
import { AGG_CLOCK, AggregatorService, type AggClock } from './aggregator.service';
import { AggregatorConfig } from './config/aggregator.config';
import { HealthController } from './health/health.controller';

export interface AggregatorModuleOverrides {
  /** Use this bus instead of BusModule's (tests; the all-in-one app shares one bus). */
  readonly bus?: MarketBus;
  readonly clock?: AggClock;
}

/** The aggregator service: consumer group on md.unified, /health and /metrics. */
@Module({})
export class AggregatorModule {
  static forRoot(
    config: AggregatorConfig,
    overrides: AggregatorModuleOverrides = {},
  ): DynamicModule {
    const providers: Provider[] = [
      { provide: AggregatorConfig, useValue: config },
      { provide: AGG_CLOCK, useValue: overrides.clock ?? Date.now },
      AggregatorService,
    ];
    if (overrides.bus !== undefined)
      providers.push({ provide: MarketBus, useValue: borrowed(overrides.bus) });
    return {
      module: AggregatorModule,
      imports: overrides.bus === undefined ? [BusModule.forRoot(config.bus)] : [],
      controllers: [HealthController],
      providers,
    };
  }
}

/**
 * A supplied bus belongs to the caller (who closes it): this view hides its shutdown hook so
 * closing the aggregator app does not close a bus other apps still use.
 */
function borrowed(bus: MarketBus): MarketBus {
  return new Proxy(bus, {
    get(target, prop) {
      if (prop === 'onApplicationShutdown') return undefined;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
