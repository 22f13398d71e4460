import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MarketBus } from '@feedgate/bus';
import { MD_TOPICS } from './md-topics';

/** Creates the md.* topics on start (idempotent: existing topics are left alone). */
@Injectable()
export class TopicsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(TopicsBootstrap.name);

  constructor(@Inject(MarketBus) private readonly bus: MarketBus) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(MD_TOPICS);
    this.logger.log(`topics ready: ${MD_TOPICS.map((t) => t.topic).join(', ')}`);
  }
}
