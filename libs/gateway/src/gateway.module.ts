import {
  type DynamicModule,
  Module,
  type ModuleMetadata,
  type Provider,
  type Type,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BusConfig, MarketBus } from '@feedgate/bus';
import { AdminController } from './admin/admin.controller';
import { AdminService } from './admin/admin.service';
import { AuditLog } from './admin/audit.log';
import { GatewayStats } from './admin/gateway.stats';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { GatewayConfig } from './config/gateway.config';
import { ConnectorRegistry } from './connectors/connector-registry';
import { InMemoryConnectorRegistry } from './connectors/in-memory.connector-registry';
import { GatewayHealthIndicators } from './health/gateway-health.indicators';
import { HealthController } from './health/health.controller';
import { GatewayMetrics } from './metrics/gateway.metrics';
import { MetricsController } from './metrics/metrics.controller';
import { BusConfigStore } from './store/bus.config-store';
import { ConfigStore } from './store/config-store';
import { JsonFileConfigStore } from './store/json-file.config-store';
import { MarketFeed } from './upstream/market-feed.service';
import { MarketGateway } from './ws/market.gateway';
import { SessionRegistry } from './ws/session.registry';

export interface GatewayModuleOptions {
  readonly config: GatewayConfig;
  /**
   * The live connectors: an instance, or a class Nest builds (its dependencies from
   * `imports`). Default: an empty InMemoryConnectorRegistry (gateway-only deployments).
   */
  readonly connectorRegistry?: ConnectorRegistry | Type<ConnectorRegistry>;
  readonly imports?: ModuleMetadata['imports'];
  /** Default: 'bus' (md.config) when Kafka is configured, else 'file' (config.configFile). */
  readonly configStore?: 'file' | 'bus' | ConfigStore;
}

/**
 * Trader WebSocket gateway (/ws), REST admin (/admin/*), GET /health and GET /metrics.
 * Needs MarketBus and BusConfig from BusModule.forRoot (global). The app must also call
 * configureGatewayApp(app) (ws adapter + OpenAPI at /docs) before listen().
 */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    const registry = options.connectorRegistry ?? new InMemoryConnectorRegistry();
    const registryProvider: Provider =
      typeof registry === 'function'
        ? { provide: ConnectorRegistry, useClass: registry }
        : { provide: ConnectorRegistry, useValue: registry };
    const store = options.configStore;
    const storeProvider: Provider =
      typeof store === 'object'
        ? { provide: ConfigStore, useValue: store }
        : {
            provide: ConfigStore,
            inject: [MarketBus, BusConfig, GatewayConfig],
            useFactory: (
              bus: MarketBus,
              busConfig: BusConfig,
              config: GatewayConfig,
            ): ConfigStore =>
              (store ?? (busConfig.usesKafka ? 'bus' : 'file')) === 'bus'
                ? new BusConfigStore(bus)
                : new JsonFileConfigStore(config.configFile),
          };
    return {
      module: GatewayModule,
      imports: [TerminusModule, ...(options.imports ?? [])],
      controllers: [AdminController, HealthController, MetricsController],
      providers: [
        { provide: GatewayConfig, useValue: options.config },
        registryProvider,
        storeProvider,
        ApiKeyService,
        ApiKeyGuard,
        AuditLog,
        AdminService,
        MarketFeed,
        SessionRegistry,
        GatewayStats,
        GatewayMetrics,
        GatewayHealthIndicators,
        MarketGateway,
      ],
      exports: [
        GatewayConfig,
        ConnectorRegistry,
        ConfigStore,
        ApiKeyService,
        MarketFeed,
        GatewayStats,
      ],
    };
  }
}
