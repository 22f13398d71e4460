import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { isExchangeId } from '@feedgate/core';
import { API_KEY_ENTITY_PREFIX, ApiKeyService } from '../auth/api-key.service';
import type { ApiKeyView, ApiRole } from '../auth/api-key.model';
import {
  type ConnectorInfo,
  ConnectorRegistry,
  type ExchangeInfo,
} from '../connectors/connector-registry';
import { UnknownEntityError } from '../errors/unknown-entity.error';
import { type ConfigChange, ConfigStore } from '../store/config-store';
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
 * (so it survives restarts) and audit-logged. On start the persisted state is re-applied;
 * afterwards changes made through another gateway instance (ConfigStore.onChange: md.config
 * in Kafka mode) are applied live, so a key created on one instance works on all of them.
 */
@Injectable()
export class AdminService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdminService.name);
  private stopListening: (() => void) | undefined;
  /** Remote changes are applied one at a time, in md.config order. */
  private applying: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly store: ConfigStore,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const entries = await this.store.load();
    const restoredKeys = this.keys.restore(entries);
    for (const [id, value] of entries) await this.applyEntity(id, value);
    this.logger.log(`config restored: ${entries.size} entries (${restoredKeys} API keys)`);
    this.stopListening = this.store.onChange((change) => this.onRemoteChange(change));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    this.stopListening = undefined;
    await this.applying;
    await this.store.close();
  }

  private onRemoteChange(change: ConfigChange): void {
    this.applying = this.applying
      .then(async () => {
        if (this.keys.apply(change.id, change.value)) {
          this.logger.log(
            `${change.value === null ? 'revoked' : 'added'} ${change.id} (from another instance)`,
          );
          return;
        }
        if (await this.applyEntity(change.id, change.value)) {
          this.logger.log(`applied ${change.id} (from another instance)`);
        }
      })
      // One failed change must not stop the ones after it (the chain would stay rejected).
      .catch((error: unknown) =>
        this.logger.error(`config change ${change.id} failed: ${(error as Error).message}`),
      );
  }

  /** Exchange symbols / connector enable state onto the registry; false if not one of them. */
  private async applyEntity(id: string, value: unknown): Promise<boolean> {
    try {
      if (id.startsWith(EXCHANGE) && isExchangeEntity(value)) {
        await this.registry.setSymbols(id.slice(EXCHANGE.length), value.symbols);
        return true;
      }
      if (id.startsWith(CONNECTOR) && isConnectorEntity(value)) {
        const connector = id.slice(CONNECTOR.length);
        if (value.enabled) await this.registry.start(connector);
        else await this.registry.stop(connector);
        return true;
      }
    } catch (error) {
      // A connector this instance does not run (or no longer exists) must not block start-up
      // nor the changes after it.
      this.logger.warn(`cannot apply ${id}: ${(error as Error).message}`);
    }
    return false;
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

  async revokeKey(actor: string, id: string): Promise<void> {
    if (!this.keys.revoke(id)) throw new UnknownEntityError('apikey', id);
    await this.store.put(`${API_KEY_ENTITY_PREFIX}${id}`, null);
    this.audit.record(actor, 'apikey.revoke', id);
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
