import { UnknownEntityError } from '../errors/unknown-entity.error';
import { type ConnectorInfo, ConnectorRegistry, type ExchangeInfo } from './connector-registry';

type MutableConnector = { -readonly [K in keyof ConnectorInfo]: ConnectorInfo[K] };

/**
 * ConnectorRegistry without real connections: for tests and a gateway-only app. Each
 * exchange gets one connector `<exchange>-1`; stop/start flip its state, setSymbols adds.
 */
export class InMemoryConnectorRegistry extends ConnectorRegistry {
  private readonly byId = new Map<string, MutableConnector>();

  constructor(seed: Readonly<Record<string, readonly string[]>> = {}) {
    super();
    for (const [exchange, symbols] of Object.entries(seed)) this.add(exchange, symbols);
  }

  exchanges(): ExchangeInfo[] {
    const out = new Map<string, ConnectorInfo[]>();
    for (const c of this.byId.values()) {
      const list = out.get(c.exchange) ?? [];
      list.push({ ...c });
      out.set(c.exchange, list);
    }
    return [...out].map(([id, connectors]) => ({ id, symbols: connectors[0].symbols, connectors }));
  }

  connectors(): ConnectorInfo[] {
    return [...this.byId.values()].map((c) => ({ ...c }));
  }

  /** Test hook: set live numbers of a connector. */
  update(id: string, patch: Partial<ConnectorInfo>): void {
    Object.assign(this.get(id), patch);
  }

  async stop(id: string): Promise<ConnectorInfo> {
    const c = this.get(id);
    c.enabled = false;
    c.state = 'stopped';
    c.msgsPerSec = 0;
    return { ...c };
  }

  async start(id: string): Promise<ConnectorInfo> {
    const c = this.get(id);
    c.enabled = true;
    c.state = 'live';
    return { ...c };
  }

  async setSymbols(exchange: string, symbols: readonly string[]): Promise<ExchangeInfo> {
    const existing = [...this.byId.values()].filter((c) => c.exchange === exchange);
    if (existing.length === 0) this.add(exchange, symbols);
    for (const c of existing) c.symbols = [...symbols];
    return this.exchanges().find((e) => e.id === exchange)!;
  }

  private add(exchange: string, symbols: readonly string[]): void {
    const id = `${exchange}-1`;
    this.byId.set(id, {
      id,
      exchange,
      state: 'live',
      enabled: true,
      symbols: [...symbols],
      msgsPerSec: 0,
      lagMs: null,
      reconnects: 0,
      gaps: 0,
      lastMessageAt: null,
    });
  }

  private get(id: string): MutableConnector {
    const c = this.byId.get(id);
    if (!c) throw new UnknownEntityError('connector', id);
    return c;
  }
}
