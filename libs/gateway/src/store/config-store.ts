/** One entry changed by another instance: `value` null = deleted. */
export interface ConfigChange {
  readonly id: string;
  readonly value: unknown;
}

export type ConfigChangeListener = (change: ConfigChange) => void;

/**
 * Port for persisted admin changes (exchanges' symbols, connector enable state, API keys).
 * Entries are keyed by entity id (`exchange/binance`, `connector/binance-1`, `apikey/<id>`),
 * values are JSON; null deletes. Latest write wins, like a compacted Kafka topic.
 * Adapters: JsonFileConfigStore (embedded mode) and BusConfigStore (md.config on the bus).
 */
export abstract class ConfigStore {
  /** Reads everything persisted so far (call once at start-up). */
  abstract load(): Promise<ReadonlyMap<string, unknown>>;

  /** Persists one entry; resolves once durable (file renamed / record acknowledged). */
  abstract put(id: string, value: unknown): Promise<void>;

  /**
   * Calls `listener` for every change written by ANOTHER instance after load() (this
   * instance's own puts are not echoed: the caller already applied them). Returns the
   * teardown. The default never calls it: an adapter with a single writer (the JSON file of
   * embedded mode) has no other instance to hear from.
   */
  onChange(_listener: ConfigChangeListener): () => void {
    return () => undefined;
  }

  abstract close(): Promise<void>;
}
