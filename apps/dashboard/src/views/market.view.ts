import type { DataMessage, FeedSocket, Selector } from '../api/feed.socket';
import { CandleChart } from '../chart/candle.chart';
import { CandleStore } from '../state/candle.store';
import { age, byId, clockTime, emptyRow, row, spreadBps, td } from '../util/dom';

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

const MAX_TRADES = 200;
const MAX_ALERTS = 100;

export interface MarketDebug {
  readonly symbol: string;
  readonly interval: string;
  readonly chartExchange: string;
  readonly bars: number;
  readonly lastClose: number | null;
  readonly bboRows: number;
  readonly nbbo: boolean;
  readonly trades: number;
  readonly alerts: number;
}

/**
 * Market view: symbol picker, candles (per venue, amendments replace bars), consolidated BBO
 * with each venue's BBO, trades tape and alerts. Feed handling only updates state; tables are
 * redrawn on a timer so a busy symbol costs a few DOM updates per second, not one per event.
 */
export class MarketView {
  private symbol = '';
  private interval: string;
  private chartExchange = '';
  private readonly store = new CandleStore();
  private readonly chart: CandleChart;
  private readonly bbo = new Map<string, Json>();
  private nbbo: Json | null = null;
  private readonly trades: Json[] = [];
  private tradeCount = 0;
  private readonly alerts: Json[] = [];
  private dirty = true;
  private lastClose: number | null = null;

  private readonly symbolSelect = byId<HTMLSelectElement>('symbol');
  private readonly intervalSelect = byId<HTMLSelectElement>('interval');
  private readonly exchangeSelect = byId<HTMLSelectElement>('chart-exchange');

  constructor(private readonly feed: FeedSocket) {
    this.chart = new CandleChart(byId('chart'));
    const params = new URL(window.location.href).searchParams;
    this.interval = params.get('interval') ?? this.intervalSelect.value;
    this.intervalSelect.value = this.interval;
    this.symbolSelect.onchange = () => this.select(this.symbolSelect.value, this.interval);
    this.intervalSelect.onchange = () => this.select(this.symbol, this.intervalSelect.value);
    this.exchangeSelect.onchange = () => {
      this.chartExchange = this.exchangeSelect.value;
      this.redrawChart();
    };
    feed.onData((m) => this.receive(m));
    feed.subscribe({ channel: 'alerts' }); // every symbol: the desk wants all of them
    window.setInterval(() => this.render(), 200);
  }

  /** Symbols known from the admin API; the picker keeps the current one selected. */
  setSymbols(symbols: readonly string[]): void {
    const all = [...new Set([...symbols, ...(this.symbol ? [this.symbol] : [])])].sort();
    const current = [...this.symbolSelect.options].map((o) => o.value);
    if (all.join() !== current.join()) {
      this.symbolSelect.replaceChildren(...all.map((s) => new Option(s, s)));
    }
    if (!this.symbol && all.length > 0) {
      const wanted = new URL(window.location.href).searchParams.get('symbol');
      this.select(
        wanted && all.includes(wanted) ? wanted : all.includes('BTC-USDT') ? 'BTC-USDT' : all[0],
        this.interval,
      );
    }
    this.symbolSelect.value = this.symbol;
  }

  select(symbol: string, interval: string): void {
    if (symbol === this.symbol && interval === this.interval) return;
    for (const s of this.selectors()) this.feed.unsubscribe(s);
    const symbolChanged = symbol !== this.symbol;
    this.symbol = symbol;
    this.interval = interval;
    this.store.clear();
    if (symbolChanged) {
      this.bbo.clear();
      this.nbbo = null;
      this.trades.length = 0;
      this.tradeCount = 0;
      this.chartExchange = '';
    }
    this.lastClose = null;
    this.chart.show([]);
    for (const s of this.selectors()) this.feed.subscribe(s);
    const url = new URL(window.location.href);
    url.searchParams.set('symbol', symbol);
    url.searchParams.set('interval', interval);
    window.history.replaceState(null, '', url.pathname + url.search);
    byId('chart-title').textContent = `${symbol} · ${interval}`;
    this.dirty = true;
  }

  debug(): MarketDebug {
    return {
      symbol: this.symbol,
      interval: this.interval,
      chartExchange: this.chartExchange,
      bars: this.chart.barCount,
      lastClose: this.lastClose,
      bboRows: this.bbo.size,
      nbbo: this.nbbo !== null,
      trades: this.tradeCount,
      alerts: this.alerts.length,
    };
  }

  private selectors(): Selector[] {
    if (!this.symbol) return [];
    const symbol = this.symbol;
    return [
      { channel: 'candles', symbol, interval: this.interval },
      { channel: 'nbbo', symbol },
      { channel: 'bbo', symbol },
      { channel: 'trades', symbol },
    ];
  }

  private receive(m: DataMessage): void {
    const d = m.data;
    if (m.channel === 'alerts') {
      this.alerts.unshift(d);
      if (this.alerts.length > MAX_ALERTS) this.alerts.pop();
      this.dirty = true;
      return;
    }
    if (d.symbol !== this.symbol) return; // in flight from before a symbol switch
    const exchange = str(d.exchange);
    switch (m.channel) {
      case 'candles':
        if (d.interval === this.interval) this.candle(d, m.revision ?? 0);
        return;
      case 'bbo':
        this.bbo.set(exchange, d);
        break;
      case 'nbbo':
        this.nbbo = d;
        break;
      case 'trades':
        this.trades.unshift(d);
        if (this.trades.length > MAX_TRADES) this.trades.pop();
        this.tradeCount++;
        break;
      default:
        return;
    }
    this.dirty = true;
  }

  private candle(d: Json, revision: number): void {
    const { exchange, change } = this.store.apply(d, revision);
    if (change === 'ignored') return;
    if (!this.chartExchange) this.chartExchange = exchange;
    this.syncExchangeOptions();
    if (exchange !== this.chartExchange) return;
    const bars = this.store.bars(exchange);
    this.chart.apply(change, bars);
    this.showLast(bars[bars.length - 1]?.close ?? null, bars[bars.length - 1]?.open ?? null);
  }

  private redrawChart(): void {
    const bars = this.store.bars(this.chartExchange);
    this.chart.show(bars);
    this.showLast(bars[bars.length - 1]?.close ?? null, bars[bars.length - 1]?.open ?? null);
  }

  private showLast(close: number | null, open: number | null): void {
    this.lastClose = close;
    const el = byId('last-price');
    el.textContent = close === null ? '–' : String(close);
    el.className = `last ${close !== null && open !== null ? (close >= open ? 'up' : 'down') : ''}`;
    byId('bar-info').textContent = `${this.chart.barCount} bars · ${this.chartExchange || '–'}`;
  }

  private syncExchangeOptions(): void {
    const venues = this.store.exchanges();
    if ([...this.exchangeSelect.options].map((o) => o.value).join() !== venues.join()) {
      this.exchangeSelect.replaceChildren(...venues.map((v) => new Option(v, v)));
    }
    this.exchangeSelect.value = this.chartExchange;
  }

  private render(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const now = Date.now();
    this.renderBbo(now);
    byId('trades-body').replaceChildren(
      ...(this.trades.length
        ? this.trades.map((t) =>
            row([
              td(clockTime(Number(t.ts))),
              td(str(t.exchange)),
              td(str(t.side), str(t.side)),
              td(str(t.price), str(t.side)),
              td(str(t.amount)),
            ]),
          )
        : [emptyRow(5, 'waiting for trades…')]),
    );
    byId('trade-count').textContent = `${this.tradeCount} seen`;
    byId('alerts-body').replaceChildren(
      ...(this.alerts.length
        ? this.alerts.map((a) =>
            row([
              td(clockTime(Number(a.ts))),
              td(str(a.severity), `sev-${str(a.severity)}`),
              td(str(a.kind)),
              td(str(a.symbol)),
              td(str(a.exchange)),
              td(str(a.detail), 'left'),
            ]),
          )
        : [emptyRow(6, 'no alerts')]),
    );
    byId('alert-count').textContent = `${this.alerts.length}`;
  }

  private renderBbo(now: number): void {
    const n = this.nbbo;
    const flag = byId('nbbo-flag');
    flag.textContent = n?.crossed ? 'crossed' : n?.locked ? 'locked' : '';
    flag.className = n?.crossed ? 'flag crossed' : n?.locked ? 'flag locked' : '';
    byId('nbbo-body').replaceChildren(
      n
        ? row([
            td(`NBBO · ${str(n.venues)} venues`),
            td(str(n.bidAmount)),
            td(`${str(n.bidPrice)} ${str(n.bidExchange)}`, 'bid'),
            td(`${str(n.askPrice)} ${str(n.askExchange)}`, 'ask'),
            td(str(n.askAmount)),
            td(spreadBps(n.bidPrice as string | null, n.askPrice as string | null)),
            td(age(Number(n.ts), now)),
          ])
        : emptyRow(7, 'NBBO: waiting for md.agg.bbo…'),
    );
    const rows = [...this.bbo.entries()].sort(([a], [b]) => a.localeCompare(b));
    byId('bbo-body').replaceChildren(
      ...(rows.length
        ? rows.map(([venue, q]) =>
            row([
              td(venue),
              td(str(q.bidAmount)),
              td(str(q.bidPrice), `bid${n?.bidExchange === venue ? ' best' : ''}`),
              td(str(q.askPrice), `ask${n?.askExchange === venue ? ' best' : ''}`),
              td(str(q.askAmount)),
              td(spreadBps(str(q.bidPrice), str(q.askPrice))),
              td(age(Number(q.ts), now)),
            ]),
          )
        : [emptyRow(7, 'waiting for venue quotes…')]),
    );
  }
}
