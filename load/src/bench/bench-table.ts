/** One column of a {@link BenchTable}: numbers are right-aligned by default, text left-aligned. */
export interface BenchColumn {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

export type BenchCell = string | number;

/**
 * Plain-text table for benchmark scripts (no colours, no dependencies), so the same output reads
 * well in a terminal, a CI log and a pasted report.
 */
export class BenchTable {
  private readonly rows: BenchCell[][] = [];

  constructor(private readonly columns: readonly BenchColumn[]) {}

  /** Formats a number with thousands separators and at most `digits` fraction digits. */
  static num(value: number, digits = 0): string {
    if (!Number.isFinite(value)) return String(value);
    return value.toLocaleString('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  }

  add(row: readonly BenchCell[]): this {
    if (row.length !== this.columns.length) {
      throw new RangeError(`row has ${row.length} cells, table has ${this.columns.length} columns`);
    }
    this.rows.push([...row]);
    return this;
  }

  /** Renders header, separator and rows; every line ends with a newline. */
  render(): string {
    const text = this.rows.map((row) =>
      row.map((cell) => (typeof cell === 'number' ? BenchTable.num(cell) : cell)),
    );
    const widths = this.columns.map((col, i) =>
      Math.max(col.header.length, ...text.map((row) => row[i].length)),
    );
    const rightAligned = this.columns.map((col, i) =>
      col.align
        ? col.align === 'right'
        : this.rows.length > 0 && typeof this.rows[0][i] === 'number',
    );
    const line = (cells: readonly string[]): string =>
      cells
        .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd() + '\n';
    return (
      line(this.columns.map((c) => c.header)) +
      line(widths.map((w) => '-'.repeat(w))) +
      text.map((row) => line(row)).join('')
    );
  }
}
