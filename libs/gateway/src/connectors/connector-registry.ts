/** Live view of one connector (one exchange connection replica). */
export interface ConnectorInfo {
  readonly id: string;
  readonly exchange: string;
  /** FeedState of the actor (`live`, `backoff`, `stopped`, …). */
  readonly state: string;
  readonly enabled: boolean;
  readonly symbols: readonly string[];
  readonly msgsPerSec: number;
  /** Receipt minus exchange time of recent events, ms (null before the first event). */
  readonly lagMs: number | null;
  readonly reconnects: number;
  readonly gaps: number;
  readonly lastMessageAt: number | null;
}

export interface ExchangeInfo {
  readonly id: string;
  readonly symbols: readonly string[];
  readonly connectors: readonly ConnectorInfo[];
}

/**
 * Port to the running connectors, implemented by the gate / all-in-one app (and in memory for
 * tests). The admin module only reads views and asks for changes through it.
 * stop/start/setSymbols throw UnknownEntityError for ids it does not know.
 */
export abstract class ConnectorRegistry {
  abstract exchanges(): ExchangeInfo[];

  abstract connectors(): ConnectorInfo[];

  abstract stop(connectorId: string): Promise<ConnectorInfo>;

  abstract start(connectorId: string): Promise<ConnectorInfo>;

  /** Sets the symbols of an exchange; an exchange not yet connected is added. */
  abstract setSymbols(exchange: string, symbols: readonly string[]): Promise<ExchangeInfo>;
}
