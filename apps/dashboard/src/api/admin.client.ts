import type { ApiKeyStore } from './api-key.store';

/** Mirrors ConnectorInfo of libs/gateway (GET /admin/connectors). */
export interface Connector {
  readonly id: string;
  readonly exchange: string;
  readonly state: string;
  readonly enabled: boolean;
  readonly symbols: readonly string[];
  readonly msgsPerSec: number;
  readonly lagMs: number | null;
  readonly reconnects: number;
  readonly gaps: number;
  readonly lastMessageAt: number | null;
}

export interface Exchange {
  readonly id: string;
  readonly symbols: readonly string[];
  readonly connectors: readonly Connector[];
}

/** The subset of GET /admin/gateway the operations view shows. */
export interface GatewaySnapshot {
  readonly clients: number;
  readonly subscriptions: number;
  readonly sent: number;
  readonly conflated: number;
  readonly slowDisconnects: number;
}

export type Role = 'admin' | 'viewer' | 'none';

export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** REST admin client: every call carries the key in `x-api-key`. */
export class AdminClient {
  constructor(private readonly keys: ApiKeyStore) {}

  exchanges(): Promise<Exchange[]> {
    return this.call('GET', '/admin/exchanges');
  }

  connectors(): Promise<Connector[]> {
    return this.call('GET', '/admin/connectors');
  }

  gateway(): Promise<GatewaySnapshot> {
    return this.call('GET', '/admin/gateway');
  }

  setConnector(id: string, run: boolean): Promise<Connector> {
    return this.call(
      'POST',
      `/admin/connectors/${encodeURIComponent(id)}/${run ? 'start' : 'stop'}`,
    );
  }

  /** There is no "who am I": an admin-only read tells the roles apart (403 = viewer). */
  async role(): Promise<Role> {
    if (!this.keys.key) return 'none';
    try {
      await this.call('GET', '/admin/keys');
      return 'admin';
    } catch (error) {
      if (error instanceof AdminError && error.status === 403) return 'viewer';
      if (error instanceof AdminError && error.status === 401) return 'none';
      throw error;
    }
  }

  private async call<T>(method: string, path: string): Promise<T> {
    const res = await fetch(path, { method, headers: { 'x-api-key': this.keys.key } });
    const text = await res.text();
    if (!res.ok) {
      let reason = text;
      try {
        reason = String((JSON.parse(text) as { message?: unknown }).message ?? text);
      } catch {
        // not JSON: keep the text
      }
      throw new AdminError(res.status, `${method} ${path}: ${res.status} ${reason}`.trim());
    }
    return JSON.parse(text) as T;
  }
}
