/** Market scenarios: abnormal but protocol-valid market behaviour that anomaly detectors should flag. */
export const SCENARIO_KINDS = [
  'price-spike',
  'crossed-book',
  'locked-book',
  'volume-spike',
  'wash-trades',
] as const;

export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/**
 * One scenario as a symbol's market plays it (parameters resolved and validated). Timed
 * scenarios start at the first market tick at or after `notBefore` and end at the first tick
 * `durationMs` later; `wash-trades` is a single burst.
 */
export type MarketScenario =
  | {
      /** The whole book (so every trade and quote) moves by `bps` of the mid, then back. */
      readonly kind: 'price-spike';
      readonly notBefore: number;
      readonly durationMs: number;
      readonly bps: number;
    }
  | {
      /**
       * A bid `ticks` above the best ask (0: at it, `locked-book`) rests until the end; takers
       * meanwhile trade at the touch without consuming it (refilled), so volume goes on.
       */
      readonly kind: 'crossed-book' | 'locked-book';
      readonly notBefore: number;
      readonly durationMs: number;
      readonly ticks: number;
    }
  | {
      /** `factor` × the usual step count, the extra steps all trades that leave the book as it was. */
      readonly kind: 'volume-spike';
      readonly notBefore: number;
      readonly durationMs: number;
      readonly factor: number;
    }
  | {
      /** `count` trades of one size at the best ask in one tick; the book is left as it was. */
      readonly kind: 'wash-trades';
      readonly notBefore: number;
      readonly count: number;
    };

/** A scenario starting or ending, reported in the market batch of the tick it happened in. */
export interface ScenarioNote {
  readonly kind: ScenarioKind;
  readonly phase: 'start' | 'end';
  /** Book sequence of the market's last step once the scenario started (or ended). */
  readonly seq: number;
  /** What it did, in ticks and lots (`bid 6000105 > ask 6000100`). */
  readonly detail: string;
}
