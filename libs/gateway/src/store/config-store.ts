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

  abstract close(): Promise<void>;
}
