import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isExchangeId } from '@feedgate/core';
import { API_KEY_ENTITY_PREFIX, ApiKeyService } from '../auth/api-key.service';
import type { ApiKeyView, ApiRole } from '../auth/api-key.model';
import {
  type ConnectorInfo,
  ConnectorRegistry,
  type ExchangeInfo,
} from '../connectors/connector-registry';
import { UnknownEntityError } from '../errors/unknown-entity.error';
import { ConfigStore } from '../store/config-store';
import { AuditLog } from './audit.log';

const EXCHANGE = 'exchange/';
const CONNECTOR = 'connector/';

interface ConnectorEntity {
  readonly enabled: boolean;
}
interface ExchangeEntity {
  readonly symbols: readonly string[];
}

/**
 * Admin use cases: each change is applied to the live registry, persisted to the ConfigStore
 * (so it survives restarts) and audit-logged. On start the persisted state is re-applied.
 */
@Injectable()
export class AdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminService.name);

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly store: ConfigStore,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const entries = await this.store.load();
    const restoredKeys = this.keys.restore(entries);
    for (const [id, value] of entries) {
      try {
        if (id.startsWith(EXCHANGE) && isExchangeEntity(value)) {
          await this.registry.setSymbols(id.slice(EXCHANGE.length), value.symbols);
        } else if (id.startsWith(CONNECTOR) && isConnectorEntity(value)) {
          const connector = id.slice(CONNECTOR.length);
          if (value.enabled) await this.registry.start(connector);
          else await this.registry.stop(connector);
        }
      } catch (error) {
        // A persisted connector that no longer exists must not block start-up.
        this.logger.warn(`cannot re-apply ${id}: ${(error as Error).message}`);
      }
    }
    this.logger.log(`config restored: ${entries.size} entries (${restoredKeys} API keys)`);
  }

  exchanges(): ExchangeInfo[] {
    return this.registry.exchanges();
  }

  connectors(): ConnectorInfo[] {
    return this.registry.connectors();
  }

  async setConnectorEnabled(actor: string, id: string, enabled: boolean): Promise<ConnectorInfo> {
    const info = enabled ? await this.registry.start(id) : await this.registry.stop(id);
    await this.store.put(`${CONNECTOR}${id}`, { enabled } satisfies ConnectorEntity);
    this.audit.record(actor, enabled ? 'connector.start' : 'connector.stop', id);
    return info;
  }

  async setSymbols(actor: string, exchange: string, symbols: string[]): Promise<ExchangeInfo> {
    if (!isExchangeId(exchange)) throw new UnknownEntityError('exchange', exchange);
    const unique = [...new Set(symbols)];
    const info = await this.registry.setSymbols(exchange, unique);
    await this.store.put(`${EXCHANGE}${exchange}`, { symbols: unique } satisfies ExchangeEntity);
    this.audit.record(actor, 'exchange.symbols', exchange, { symbols: unique });
    return info;
  }

  async createKey(
    actor: string,
    name: string,
    role: ApiRole,
  ): Promise<{ key: string } & ApiKeyView> {
    const { key, stored } = this.keys.create(name, role, actor);
    await this.store.put(`${API_KEY_ENTITY_PREFIX}${stored.id}`, stored);
    this.audit.record(actor, 'apikey.create', stored.id, { name, role });
    const { salt: _s, hash: _h, ...view } = stored;
    return { key, ...view };
  }

  keysList(): ApiKeyView[] {
    return this.keys.list();
  }
}

function isExchangeEntity(v: unknown): v is ExchangeEntity {
  return typeof v === 'object' && v !== null && Array.isArray((v as ExchangeEntity).symbols);
}

function isConnectorEntity(v: unknown): v is ConnectorEntity {
  return typeof v === 'object' && v !== null && typeof (v as ConnectorEntity).enabled === 'boolean';
}
