import { Controller, Get, Header, Inject } from '@nestjs/common';
import { GateConfig } from '../config/gate.config';
import { GateService, type ActorHealth } from '../gate.service';

export interface GateHealthReport {
  /** `ok` when every connection is live; `degraded` while some connect, resync or back off. */
  readonly status: 'ok' | 'degraded';
  readonly gateId: string;
  readonly replica: string;
  readonly shard: string;
  readonly bus: 'kafka' | 'in-process';
  readonly connectors: { exchange: string; actors: ActorHealth[] }[];
  readonly uploader: { readonly pendingEvents: number; readonly writable: boolean };
}

/** GET /health (connectors and their states) and GET /metrics (Prometheus text). */
@Controller()
export class GateHealthController {
  constructor(
    @Inject(GateConfig) private readonly config: GateConfig,
    @Inject(GateService) private readonly gate: GateService,
  ) {}

  @Get('health')
  health(): GateHealthReport {
    const connectors = this.gate.health();
    const allLive = connectors.every((c) => c.actors.every((a) => a.state === 'live'));
    return {
      status: allLive ? 'ok' : 'degraded',
      gateId: this.config.gateId,
      replica: this.config.replica,
      shard: `${this.config.shard.index}/${this.config.shard.count}`,
      bus: this.config.busKind,
      connectors,
      uploader: {
        pendingEvents: this.gate.uploader.pendingEvents,
        writable: this.gate.uploader.writable,
      },
    };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.gate.metrics.text();
  }
}
