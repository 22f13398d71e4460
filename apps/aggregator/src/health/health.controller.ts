import { Controller, Get, Header, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { AggregatorService } from '../aggregator.service';
import { AggregatorConfig } from '../config/aggregator.config';
import { renderMetrics } from './metrics.renderer';

/** GET /health (liveness + consumer state) and GET /metrics (Prometheus text). */
@Controller()
export class HealthController {
  constructor(
    @Inject(AggregatorService) private readonly service: AggregatorService,
    @Inject(AggregatorConfig) private readonly config: AggregatorConfig,
  ) {}

  @Get('health')
  health(): Record<string, unknown> {
    const runner = this.service.stats();
    const report = {
      status: runner.state === 'running' ? 'ok' : 'error',
      mode: this.config.mode,
      groupId: this.config.groupId,
      bus: this.config.bus.usesKafka ? 'kafka' : 'in-process',
      runner,
      pipeline: this.service.runner.pipeline.stats(),
    };
    if (report.status !== 'ok') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): string {
    return renderMetrics(this.service.stats(), this.service.runner.pipeline.stats());
  }
}
