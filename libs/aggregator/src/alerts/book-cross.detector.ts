import { eventKey, type AlertEvent } from '@feedgate/core';
import type { VenueQuote } from '../nbbo/venue-quote';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import { NO_ALERTS, type DetectorPort } from './anomaly-detector.port';

type BookState = 'normal' | 'crossed' | 'locked';

/**
 * Within ONE exchange, bid ≥ ask is impossible on a healthy book: crossed (bid > ask, critical)
 * means a broken feed or a missed delta; locked (bid = ask, warning) is at least suspicious.
 * Alerts on the transition into the state, so a book stuck crossed alerts once, not per update.
 */
export class BookCrossDetector implements DetectorPort {
  private readonly state = new Map<string, BookState>();

  constructor(
    private readonly cfg: AlertConfig['book'],
    private readonly maxKeys: number,
  ) {}

  onQuote(q: VenueQuote, _nowMs: number): readonly AlertEvent[] {
    if (q.bidPrice === null || q.askPrice === null) return NO_ALERTS;
    const c = q.bidPrice.compare(q.askPrice);
    const next: BookState =
      c > 0 ? 'crossed' : c === 0 && this.cfg.lockedEnabled ? 'locked' : 'normal';
    // The usual case: a healthy book while no book is crossed or locked anywhere.
    if (next === 'normal' && this.state.size === 0) return NO_ALERTS;
    const key = eventKey(q);
    const prev = this.state.get(key) ?? 'normal';
    if (next === 'normal') {
      this.state.delete(key); // healthy books hold no state at all
      return NO_ALERTS;
    }
    if (prev === next) return NO_ALERTS;
    if (prev === 'normal' && this.state.size >= this.maxKeys) return NO_ALERTS;
    this.state.set(key, next);
    const detail = `${q.exchange} ${q.symbol} book ${next}: bid ${q.bidPrice} ${next === 'crossed' ? '>' : '='} ask ${q.askPrice}`;
    return [
      makeAlert(
        next === 'crossed' ? 'crossed-book' : 'locked-book',
        next === 'crossed' ? 'critical' : 'warning',
        q,
        detail,
      ),
    ];
  }
}
