import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Bar, CandleChange } from '../state/candle.store';

const UP = '#26a69a';
const DOWN = '#ef5350';

/** lightweight-charts candlesticks + volume for one exchange's bars. */
export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private shown = 0;

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#11161d' },
        textColor: '#8b97a6',
        fontSize: 11,
        fontFamily: 'ui-monospace, DejaVu Sans Mono, monospace',
      },
      grid: { vertLines: { color: '#1a212b' }, horzLines: { color: '#1a212b' } },
      rightPriceScale: { borderColor: '#222a35' },
      timeScale: {
        borderColor: '#222a35',
        timeVisible: true,
        secondsVisible: true,
        barSpacing: 9,
        rightOffset: 4,
      },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  }

  /** Replaces everything (venue or interval switch, or an amendment of an older bar). */
  show(bars: readonly Bar[]): void {
    this.candles.setData(bars.map(candle));
    this.volume.setData(bars.map(volume));
    this.shown = bars.length;
  }

  /** Applies one change of the shown series; `bars` is its state after the change. */
  apply(change: CandleChange, bars: readonly Bar[]): void {
    const last = bars[bars.length - 1];
    if (change === 'ignored' || !last) return;
    if (change === 'rewrite' || this.shown === 0) {
      this.show(bars);
      return;
    }
    this.candles.update(candle(last));
    this.volume.update(volume(last));
    this.shown = bars.length;
  }

  get barCount(): number {
    return this.shown;
  }

  dispose(): void {
    this.chart.remove();
  }
}

const candle = (b: Bar) => ({
  time: b.time as UTCTimestamp,
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
});

const volume = (b: Bar) => ({
  time: b.time as UTCTimestamp,
  value: b.volume,
  color: b.close >= b.open ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)',
});
