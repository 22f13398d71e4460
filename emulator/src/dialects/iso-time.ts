/**
 * `fn` remembering its last argument and answer. A tick's frames all carry the tick's
 * timestamp, so formatting it once per tick instead of once per frame is nearly every call.
 */
export function lastValueMemo(fn: (ms: number) => string): (ms: number) => string {
  let lastMs = Number.NaN; // NaN never matches: a first (or NaN) argument always calls fn
  let last = '';
  return (ms: number): string => {
    if (ms !== lastMs) {
      last = fn(ms);
      lastMs = ms;
    }
    return last;
  };
}

/** `new Date(ms).toISOString()` (same text, same RangeError for an invalid time). */
export const isoTime = lastValueMemo((ms) => new Date(ms).toISOString());
