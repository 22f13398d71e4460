import type { AlertEvent, AlertSeverity, EventBase } from '@feedgate/core';

/** The alert kinds the detectors emit (AlertEvent.kind). */
export type AlertKind =
  'price-deviation' | 'crossed-book' | 'locked-book' | 'stale-feed' | 'volume-spike' | 'wash-trade';

/** An alert keyed like the event that raised it, so it lands on the same md.alerts partition. */
export function makeAlert(
  kind: AlertKind,
  severity: AlertSeverity,
  at: Pick<EventBase, 'exchange' | 'symbol' | 'nativeSymbol' | 'ts' | 'localTs'>,
  detail: string,
): AlertEvent {
  return {
    type: 'alert',
    exchange: at.exchange,
    symbol: at.symbol,
    nativeSymbol: at.nativeSymbol,
    ts: at.ts,
    localTs: at.localTs,
    kind,
    severity,
    detail,
  };
}
