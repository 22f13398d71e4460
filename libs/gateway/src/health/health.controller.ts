import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { GatewayHealthIndicators } from './gateway-health.indicators';

/** GET /health (terminus): 200 when bus and connectors are up, 503 with details otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: GatewayHealthIndicators,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.indicators.bus(), () => this.indicators.connectors()]);
  }
}
