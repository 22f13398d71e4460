import {
  ConnectorRegistry,
  UnknownEntityError,
  type ConnectorInfo,
  type ExchangeInfo,
} from '@feedgate/gateway';
import { nativeSymbol, type GateService } from '@feedgate/gate';
import type { EmbeddedPipeline } from './embedded.pipeline';

/**
 * The admin API's view of the embedded gates: one connector per (gate replica, exchange),
 * id `<gateId>:<exchange>` (e.g. `gate-a:binance`). Stop/start act on that one replica;
 * symbol changes apply to both replicas so A and B keep covering the same subscriptions.
 */
export class EmbeddedConnectorRegistry extends ConnectorRegistry {
  constructor(private readonly pipeline: EmbeddedPipeline) {
    super();
  }

  connectors(): ConnectorInfo[] {
    const now = Date.now();
    return this.pipeline.gates.flatMap((gate) =>
      gate.views(now).map((v) => ({ id: `${gate.config.gateId}:${v.exchange}`, ...v })),
    );
  }

  exchanges(): ExchangeInfo[] {
    const connectors = this.connectors();
    const ids = [...new Set(connectors.map((c) => c.exchange))];
    return ids.map((id) => {
      const mine = connectors.filter((c) => c.exchange === id);
      return { id, symbols: mine[0]?.symbols ?? [], connectors: mine };
    });
  }

  async stop(connectorId: string): Promise<ConnectorInfo> {
    const [gate, exchange] = this.resolve(connectorId);
    gate.stopExchange(exchange);
    return this.info(connectorId);
  }

  async start(connectorId: string): Promise<ConnectorInfo> {
    const [gate, exchange] = this.resolve(connectorId);
    gate.startExchange(exchange);
    return this.info(connectorId);
  }

  async setSymbols(exchange: string, symbols: readonly string[]): Promise<ExchangeInfo> {
    const assignments = symbols.map((symbol) => {
      const native = nativeSymbol(exchange, symbol);
      if (native === undefined) throw new UnknownEntityError('exchange', exchange);
      return { symbol, nativeSymbol: native };
    });
    const urls = this.pipeline.emulatorUrls?.[exchange];
    for (const gate of this.pipeline.gates) gate.setSymbols(exchange, assignments, urls);
    const info = this.exchanges().find((e) => e.id === exchange);
    if (!info) throw new UnknownEntityError('exchange', exchange);
    return info;
  }

  private resolve(connectorId: string): [GateService, string] {
    const sep = connectorId.indexOf(':');
    const gateId = connectorId.slice(0, sep);
    const exchange = connectorId.slice(sep + 1);
    const gate = this.pipeline.gates.find((g) => g.config.gateId === gateId);
    if (sep < 0 || !gate || !gate.exchangeIds.includes(exchange)) {
      throw new UnknownEntityError('connector', connectorId);
    }
    return [gate, exchange];
  }

  private info(connectorId: string): ConnectorInfo {
    const info = this.connectors().find((c) => c.id === connectorId);
    if (!info) throw new UnknownEntityError('connector', connectorId);
    return info;
  }
}
