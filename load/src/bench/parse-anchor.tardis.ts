import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The slice of a tardis-dev mapper this benchmark calls (dist/mappers: canHandle + map generator). */
interface TardisMapper {
  canHandle(message: unknown): boolean;
  map(message: unknown, localTimestamp: Date): Iterable<unknown>;
}
type MapperFactory = (exchange: string, localTimestamp: Date) => TardisMapper;
interface TardisMappers {
  normalizeTrades: MapperFactory;
  normalizeBookChanges: MapperFactory;
  normalizeBookTickers: MapperFactory;
}

/** feedgate id → tardis-dev exchange name (tardis has no Kraken v2; its kraken mappers are v1). */
export const TARDIS_EXCHANGE: Readonly<Record<string, string>> = {
  binance: 'binance',
  'binance-futures': 'binance-futures',
  coinbase: 'coinbase',
  kraken: 'kraken',
  okx: 'okex',
  bybit: 'bybit-spot',
};

/** One frame through tardis: JSON.parse + every mapper that can handle it; returns events made. */
export type TardisNormalize = (frame: string) => number;

/**
 * The tardis-dev anchor, loaded from load/.anchors (installed by load/scripts/install-anchors.sh,
 * isolated from the repository's node_modules). tardis maps PARSED messages, so its measured cost
 * is JSON.parse + map — the fair comparison with a parser that starts from the frame text.
 */
export class TardisAnchor {
  static readonly dir = join(__dirname, '..', '..', '.anchors', 'node_modules', 'tardis-dev');

  private constructor(
    readonly version: string,
    private readonly mappers: TardisMappers,
  ) {}

  /** null when the anchor is not installed. */
  static load(): TardisAnchor | null {
    if (!existsSync(join(TardisAnchor.dir, 'package.json'))) return null;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(join(TardisAnchor.dir, 'package.json')) as { version: string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mappers = require(join(TardisAnchor.dir, 'dist', 'mappers')) as TardisMappers;
    return new TardisAnchor(pkg.version, mappers);
  }

  /**
   * A normalizer for `exchange` with the trades mapper only (`tradesOnly`) or trades + book
   * changes + book tickers. The real-time date makes tardis pick its current (v5) mappers.
   */
  normalizer(feedgateId: string, tradesOnly: boolean): TardisNormalize | null {
    const name = TARDIS_EXCHANGE[feedgateId];
    if (!name) return null;
    const now = new Date();
    const list: TardisMapper[] = [];
    const factories = tradesOnly
      ? [this.mappers.normalizeTrades]
      : [
          this.mappers.normalizeTrades,
          this.mappers.normalizeBookChanges,
          this.mappers.normalizeBookTickers,
        ];
    for (const f of factories) {
      try {
        list.push(f(name, now));
      } catch {
        // this tardis version has no such mapper for the exchange
      }
    }
    if (list.length === 0) return null;
    return (frame) => {
      const message: unknown = JSON.parse(frame);
      const localTimestamp = new Date();
      let n = 0;
      for (const m of list) {
        if (!m.canHandle(message)) continue;
        for (const ev of m.map(message, localTimestamp)) if (ev !== undefined) n++;
      }
      return n;
    };
  }
}
