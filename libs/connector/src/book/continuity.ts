import type { BookEvent } from '@feedgate/core';
import type { ContinuityRule } from '../protocol/book-rules';

export type ContinuityVerdict =
  | { readonly action: 'apply'; readonly seq: bigint | null }
  /** Already covered by the book (duplicate frame or older than the snapshot). */
  | { readonly action: 'drop' }
  /** Missing sequence range, inclusive; `to` may be `?` when the frame has no usable seq. */
  | { readonly action: 'gap'; readonly from: string; readonly to: string };

function toBig(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined || !/^-?\d+$/.test(text)) return null;
  return BigInt(text);
}

/** The seq expected after `last`, as text: only a gap names it, so in-order deltas make no string. */
function after(last: bigint): string {
  return (last + 1n).toString();
}

/**
 * Checks one delta against the last applied sequence. Runs on EVERY delta, not only the
 * first after a snapshot, so a gap in the middle of a session is caught when it happens.
 */
export function checkContinuity(
  rule: ContinuityRule,
  last: bigint | null,
  firstAfterSnapshot: boolean,
  delta: BookEvent,
): ContinuityVerdict {
  const seq = toBig(delta.seq);
  if (rule === 'none') return { action: 'apply', seq };
  if (last === null) return { action: 'apply', seq };
  if (seq === null) return { action: 'gap', from: after(last), to: '?' };

  if (rule === 'sequential') {
    if (seq <= last) return { action: 'drop' };
    if (seq === last + 1n) return { action: 'apply', seq };
    return { action: 'gap', from: after(last), to: (seq - 1n).toString() };
  }

  const prev = toBig(delta.prevSeq);
  if (prev === null) return { action: 'gap', from: after(last), to: '?' };
  if (prev === last) return { action: 'apply', seq };
  if (seq <= last) return { action: 'drop' };
  // Binance: the first delta after a REST snapshot straddles it (U <= lastUpdateId+1 <= u).
  if (rule === 'binance' && firstAfterSnapshot && prev < last) return { action: 'apply', seq };
  if (prev > last) return { action: 'gap', from: after(last), to: prev.toString() };
  // prevSeq behind the book but seq ahead: the chain is broken; name what cannot be trusted.
  return { action: 'gap', from: (prev + 1n).toString(), to: last.toString() };
}
