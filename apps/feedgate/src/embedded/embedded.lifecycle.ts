import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BusConfig, MarketBus } from '@feedgate/bus';
import { EmbeddedPipeline } from './embedded.pipeline';

/** Starts the embedded pipeline once the bus is up and stops it before the bus closes. */
@Injectable()
export class EmbeddedLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EmbeddedPipeline) private readonly pipeline: EmbeddedPipeline,
    @Inject(MarketBus) private readonly bus: MarketBus,
    @Inject(BusConfig) private readonly busConfig: BusConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.pipeline.start(this.bus, this.busConfig);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pipeline.stop();
  }
}
