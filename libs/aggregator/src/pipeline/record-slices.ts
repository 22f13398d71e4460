import { recordSize, type BusRecord } from '@feedgate/bus';

/**
 * Splits records, in order, into slices of at most `maxBytes` each (a record bigger than that
 * alone is a slice of its own). The bus accepts or refuses one publish call whole, and a Kafka
 * producer refuses a call larger than its buffer: one consumed batch of md.unified behind a
 * backlog made 21 MB of aggregates in one call, which was refused and failed the runner.
 */
export function sliceRecords(records: readonly BusRecord[], maxBytes: number): BusRecord[][] {
  const slices: BusRecord[][] = [];
  let current: BusRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = recordSize(r);
    if (current.length > 0 && bytes + size > maxBytes) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
