import { describe, expect, it } from 'vitest';
import { IdSet } from './id.set';
import { lossCount } from './loss.count';
import { loadSymbols } from './load.options';
import { parseProc } from './proc-stat.reader';
import { sumMetric } from './prometheus-text';
import { renderChart } from './load-chart.svg';

describe('IdSet', () => {
  it('reports duplicates and membership across chunk boundaries', () => {
    const s = new IdSet();
    expect(s.add(65_535)).toBe(true);
    expect(s.add(65_536)).toBe(true);
    expect(s.add(65_535)).toBe(false);
    expect(s.has(65_536)).toBe(true);
    expect(s.has(65_537)).toBe(false);
    expect(s.add(-1)).toBe(false);
    expect(s.add(1.5)).toBe(false);
    expect(s.size).toBe(2);
  });
});

describe('lossCount', () => {
  it('counts truth ids missing from what md.unified delivered', () => {
    const seen = new Map([['binance:BTC-USDT', new IdSet()]]);
    for (const id of [10, 11, 13]) seen.get('binance:BTC-USDT')!.add(id);
    const truth = [
      {
        exchange: 'binance',
        symbol: 'BTC-USDT',
        tradesSent: [{ from: 10, to: 13 }],
        bookSeqSent: [],
        bookGaps: [],
      },
      {
        exchange: 'okx',
        symbol: 'BTC-USDT',
        tradesSent: [{ from: 1, to: 2 }],
        bookSeqSent: [],
        bookGaps: [],
      },
    ];
    expect(lossCount(truth, seen)).toEqual({
      expected: 6,
      delivered: 3,
      lost: 3,
      lostBy: {
        'binance:BTC-USDT': { lost: 1, firstId: 12, lastId: 12, lastSent: 13 },
        'okx:BTC-USDT': { lost: 2, firstId: 1, lastId: 2, lastSent: 2 },
      },
    });
  });
});

describe('sumMetric', () => {
  const text = [
    '# HELP gate_events_out_total x',
    'gate_events_out_total{gate="a"} 10',
    'gate_events_out_total{gate="b"} 5.5',
    'gate_events_out_total_extra 100',
    'dedup_events_out_total 7',
  ].join('\n');
  it('sums every label set of exactly that metric', () => {
    expect(sumMetric(text, 'gate_events_out_total')).toBe(15.5);
    expect(sumMetric(text, 'gate_events_out_total', 'gate="b"')).toBe(5.5);
    expect(sumMetric(text, 'dedup_events_out_total')).toBe(7);
    expect(sumMetric(text, 'missing_total')).toBe(0);
  });
});

describe('parseProc', () => {
  it('reads utime+stime past a command name with spaces, and VmRSS/VmHWM', () => {
    const stat = '1234 (node main) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 11 0 100 0 0';
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(parseProc(stat, status)).toEqual({ cpuSec: 3, rssMb: 100, peakRssMb: 200 });
    expect(parseProc('garbage', status)).toBeUndefined();
  });
});

describe('load options', () => {
  it('names as many distinct synthetic symbols as asked, BTC-USDT first', () => {
    const syms = loadSymbols(70);
    expect(new Set(syms).size).toBe(70);
    expect(syms[0]).toBe('BTC-USDT');
  });
});

describe('renderChart', () => {
  it('draws one path point per sample and escapes the title', () => {
    const svg = renderChart(
      [
        { t: 1, rate: 100, p99UnifiedMs: 5, p99GatewayMs: 6 },
        { t: 2, rate: 200, p99UnifiedMs: 7, p99GatewayMs: 9 },
      ],
      'a < b',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &lt; b');
    expect((svg.match(/<path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"/g) ?? []).length).toBe(3);
  });
});
