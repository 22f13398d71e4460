/** Small DOM and formatting helpers shared by the views. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} missing from index.html`);
  return found as T;
}

/** A table cell; text only (never innerHTML), so exchange data cannot inject markup. */
export function td(text: string, className = ''): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.textContent = text;
  if (className) cell.className = className;
  return cell;
}

export function row(cells: readonly HTMLTableCellElement[], className = ''): HTMLTableRowElement {
  const tr = document.createElement('tr');
  if (className) tr.className = className;
  tr.append(...cells);
  return tr;
}

export function emptyRow(columns: number, text: string): HTMLTableRowElement {
  const cell = td(text);
  cell.colSpan = columns;
  return row([cell], 'empty');
}

export function clockTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function age(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const d = Math.max(0, now - ms);
  if (d < 1000) return `${Math.round(d)}ms`;
  if (d < 60_000) return `${(d / 1000).toFixed(1)}s`;
  return `${Math.round(d / 60_000)}m`;
}

/** Spread in basis points of the mid; display only, so floats are fine here. */
export function spreadBps(bid: string | null, ask: string | null): string {
  const b = Number(bid);
  const a = Number(ask);
  if (!bid || !ask || !Number.isFinite(b) || !Number.isFinite(a) || a + b <= 0) return '–';
  return `${(((a - b) / ((a + b) / 2)) * 10_000).toFixed(1)}bp`;
}

export function num(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

let toastTimer: number | undefined;
export function toast(text: string): void {
  const box = byId('toast');
  box.textContent = text;
  box.classList.add('show');
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => box.classList.remove('show'), 3000);
}
