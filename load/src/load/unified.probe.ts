import { BusConfig, KafkaBus, type BusSubscription, type ConsumedBatch } from '@feedgate/bus';
import { FrameDecoder } from '@feedgate/codec';
import { IdSet } from './id.set';
import { LogLinearHistogram } from './log-linear.histogram';

/**
 * A read_committed consumer of md.unified (own group, from the latest offset at start): the
 * latency of every event from its `ts` (emulator emission) to receipt here, plus the trade ids
 * and book sequences seen per `exchange:symbol` for the loss and duplicate count.
 */
export class UnifiedProbe {
  events = 0;
  frames = 0;
  badFrames = 0;
  tradeDuplicates = 0;
  bookDuplicates = 0;
  readonly trades = new Map<string, IdSet>();
  /**
   * Where the time goes, from timestamps every md.unified event carries: exchange (emulator)
   * emission → gate receipt (`localTs - ts`), gate receipt → dedup's produce (the md.unified
   * record's CreateTime), dedup's produce → receipt here (commit, LSO, fetch). Recorded while
   * the sink is on, like the end-to-end histograms.
   */
  readonly stages = {
    exchangeToGate: new LogLinearHistogram(),
    gateToDedup: new LogLinearHistogram(),
    dedupToConsumer: new LogLinearHistogram(),
  };
  private readonly books = new Map<string, IdSet>();
  private readonly decoder = new FrameDecoder();
  private bus: KafkaBus | undefined;
  private sub: BusSubscription | undefined;

  constructor(
    private readonly brokers: string,
    private readonly sink: () => readonly LogLinearHistogram[] | undefined,
  ) {}

  async start(): Promise<void> {
    this.bus = new KafkaBus(
      BusConfig.of({ brokers: [this.brokers], clientId: 'load-probe', logLevel: 'error' }),
    );
    this.sub = await this.bus.subscribe(
      {
        topics: ['md.unified'],
        groupId: `load-probe-${process.pid}-${Date.now()}`,
        fromBeginning: false,
        maxBatchRecords: 5000,
        partitionConcurrency: 12,
      },
      (batch) => this.onBatch(batch),
    );
  }

  /** Forget the ids seen (between rate steps, whose emulators use different seeds). */
  resetIds(): void {
    this.trades.clear();
    this.books.clear();
    this.tradeDuplicates = 0;
    this.bookDuplicates = 0;
  }

  async stop(): Promise<void> {
    await this.sub?.close().catch(() => undefined);
    await this.bus?.close().catch(() => undefined);
    this.sub = undefined;
    this.bus = undefined;
  }

  private onBatch(batch: ConsumedBatch): void {
    const now = performance.timeOrigin + performance.now();
    const hists = this.sink();
    for (const r of batch.records) {
      this.frames++;
      if (hists) this.stages.dedupToConsumer.recordMs(now - r.timestamp);
      let events;
      try {
        events = this.decoder.decode(r.value).events;
      } catch {
        this.badFrames++;
        continue;
      }
      for (const e of events) {
        this.events++;
        // Perpetuals are normalized BASE-QUOTE-PERP; the emulator's truth names the plain pair.
        const key = `${e.exchange}:${e.symbol.endsWith('-PERP') ? e.symbol.slice(0, -5) : e.symbol}`;
        if (hists) {
          for (const h of hists) h.recordMs(now - e.ts);
          this.stages.exchangeToGate.recordMs(e.localTs - e.ts);
          this.stages.gateToDedup.recordMs(r.timestamp - e.localTs);
        }
        if (e.type === 'trade') {
          if (!set(this.trades, key).add(Number(e.id))) {
            this.tradeDuplicates++;
          }
        } else if (e.type === 'book' && !e.snapshot && e.seq !== null) {
          if (!set(this.books, key).add(Number(e.seq))) {
            this.bookDuplicates++;
          }
        }
      }
    }
  }
}

function set(map: Map<string, IdSet>, key: string): IdSet {
  let s = map.get(key);
  if (!s) map.set(key, (s = new IdSet()));
  return s;
}
