import { Controller, Get, Header, Inject } from '@nestjs/common';
import { DedupService } from '../dedup.service';

/** GET /health and GET /metrics (Prometheus text). */
@Controller()
export class DedupHealthController {
  constructor(@Inject(DedupService) private readonly dedup: DedupService) {}

  @Get('health')
  health(): Record<string, unknown> {
    const engine = this.dedup.pipeline.engine;
    return {
      status: 'ok',
      instanceId: this.dedup.config.instanceId,
      bus: this.dedup.config.busKind,
      partitions: engine.partitions,
      windowSize: engine.windowSize(),
      transactions: this.dedup.processor.stats(),
      lastRebuildMs: engine.counters.lastRebuildMs,
    };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.dedup.metrics.text();
  }
}
