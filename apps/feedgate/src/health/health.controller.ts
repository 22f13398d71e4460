import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { MarketBus } from '@feedgate/bus';
import { AppConfig } from '../config/app.config';
import { MD_TOPIC_NAMES } from '../topics/md-topics';

/** Liveness and readiness: is the process up and does the bus answer? */
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(MarketBus) private readonly bus: MarketBus,
  ) {}

  @Get()
  async health(): Promise<HealthReport> {
    const report: HealthReport = {
      status: 'ok',
      bus: this.config.busKind,
      topics: [...MD_TOPIC_NAMES],
      uptimeSec: Math.round((Date.now() - this.startedAt) / 1000),
    };
    try {
      // ensureTopics is idempotent: it doubles as a cheap round-trip to the broker.
      await this.bus.ensureTopics([]);
    } catch (error) {
      throw new HttpException(
        { ...report, status: 'error', reason: (error as Error).message },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return report;
  }
}

export interface HealthReport {
  readonly status: 'ok' | 'error';
  readonly bus: 'kafka' | 'in-process';
  readonly topics: readonly string[];
  readonly uptimeSec: number;
  readonly reason?: string;
}
