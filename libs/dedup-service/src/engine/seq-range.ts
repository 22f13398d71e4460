/** An inclusive range of exchange sequence numbers. */
export interface SeqRange {
  readonly from: bigint;
  readonly to: bigint;
}

/** Parts of `r` that intersect `other`. */
export function overlaps(r: SeqRange, others: readonly SeqRange[]): SeqRange[] {
  const out: SeqRange[] = [];
  for (const o of others) {
    const from = r.from > o.from ? r.from : o.from;
    const to = r.to < o.to ? r.to : o.to;
    if (from <= to) out.push({ from, to });
  }
  return out;
}

/** Parts of `r` not covered by any of `covered`. */
export function subtract(r: SeqRange, covered: readonly SeqRange[]): SeqRange[] {
  let parts: SeqRange[] = [r];
  for (const c of covered) {
    const next: SeqRange[] = [];
    for (const p of parts) {
      if (c.to < p.from || c.from > p.to) {
        next.push(p);
        continue;
      }
      if (c.from > p.from) next.push({ from: p.from, to: c.from - 1n });
      if (c.to < p.to) next.push({ from: c.to + 1n, to: p.to });
    }
    parts = next;
  }
  return parts;
}

export function parseSeq(text: string | null | undefined): bigint | undefined {
  if (typeof text !== 'string' || !/^\d{1,30}$/.test(text)) return undefined;
  return BigInt(text);
}
