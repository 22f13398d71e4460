import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryConnectorRegistry } from '../../../libs/gateway/src/connectors/in-memory.connector-registry';
import { bbo, trade } from '../../../libs/gateway/src/testing/events.fixture';
import {
  ADMIN_KEY,
  type GatewayTestApp,
  publishEvents,
  startGateway,
} from '../../../libs/gateway/src/testing/gateway-test.kit';

// Browser tests: a real gateway (in-process bus) serving the built dashboard, driven through
// Debian's chromium by playwright-core. Never downloads a browser (.ci/run apt-installs it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve('reports', 'screenshots');
const CONFIG_FILE = `/tmp/fg-dashboard-e2e-${process.pid}.json`;
const MINUTE = 60_000;

let gw: GatewayTestApp;
let registry: InMemoryConnectorRegistry;
let browser: Browser;
let page: Page;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const debug = <T>(expr: string) => page.evaluate(`window.__feedgate.${expr}`) as Promise<T>;

interface MarketState {
  symbol: string;
  bars: number;
  lastClose: number | null;
  bboRows: number;
  nbbo: boolean;
  trades: number;
  alerts: number;
}

/** A 1m BTC-USDT candle opening 2 below its close (so bars differ), wicks 1.5 beyond. */
async function publishCandle(exchange: string, start: number, close: string, revision = 0) {
  const open = Number(close) - ((start / MINUTE) % 2) * 4 + 2;
  const candle = {
    type: 'candle',
    exchange,
    symbol: 'BTC-USDT',
    nativeSymbol: 'BTCUSDT',
    ts: start + 30_000,
    localTs: start + 30_001,
    interval: '1m',
    open: String(open),
    high: String(Math.max(open, Number(close)) + 1.5),
    low: String(Math.min(open, Number(close)) - 1.5),
    close,
    volume: '12.5',
    trades: 7,
    start,
    end: start + MINUTE,
  };
  await gw.bus.publish('md.agg.candles', [
    { key: 'BTC-USDT', value: json({ candle, amended: revision > 0, revision }) },
  ]);
}

async function gatewaySubscriptions(): Promise<number> {
  const res = await fetch(`${gw.http}/admin/gateway`, { headers: { 'x-api-key': ADMIN_KEY } });
  return ((await res.json()) as { subscriptions: number }).subscriptions;
}

/** Polls until `check` passes (the page updates asynchronously), else fails with its error. */
async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['apps/dashboard/build-if-stale.mjs'], {
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  mkdirSync(SHOTS, { recursive: true });
  registry = new InMemoryConnectorRegistry({
    binance: ['BTC-USDT', 'ETH-USDT'],
    okx: ['BTC-USDT'],
    coinbase: ['BTC-USDT'],
  });
  registry.update('binance-1', { msgsPerSec: 1520, lagMs: 3.2, lastMessageAt: Date.now() });
  registry.update('okx-1', { msgsPerSec: 880, lagMs: 5.9, reconnects: 2, gaps: 1 });
  gw = await startGateway({ configFile: CONFIG_FILE }, { registry });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  rmSync(CONFIG_FILE, { force: true });
});

describe('dashboard in chromium', () => {
  it('serves the market view and shows live candles, amendments, BBOs, trades and alerts', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${gw.http}/market?apiKey=${ADMIN_KEY}`);
    await page.waitForFunction(
      `window.__feedgate?.socket() === 'open' && window.__feedgate.market().symbol === 'BTC-USDT'`,
    );
    expect(await debug('role()')).toBe('admin');
    expect(page.url()).not.toContain('apiKey'); // taken out of the address bar, kept locally
    // alerts + status + the four market channels of BTC-USDT reach the gateway before data flows
    await eventually(async () => expect(await gatewaySubscriptions()).toBeGreaterThanOrEqual(6));

    const base = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
    const closes = ['110', '113', '111.5', '116', '114'];
    for (let i = 0; i < 5; i++) await publishCandle('binance', base + i * MINUTE, closes[i]);
    await eventually(async () => {
      const m = await debug<MarketState>('market()');
      expect([m.bars, m.lastClose]).toEqual([5, 114]);
    });
    // a late trade amends the last bar: same bar count, new close
    await publishCandle('binance', base + 4 * MINUTE, '120.5', 1);
    await eventually(async () => {
      const m = await debug<MarketState>('market()');
      expect([m.bars, m.lastClose]).toEqual([5, 120.5]);
    });
    // a stale revision must not undo the amendment; a new window appends a bar
    await publishCandle('binance', base + 4 * MINUTE, '99', 0);
    await publishCandle('binance', base + 5 * MINUTE, '121');
    await eventually(async () => {
      const m = await debug<MarketState>('market()');
      expect([m.bars, m.lastClose]).toEqual([6, 121]);
    });
    expect(await page.getByTestId('last-price').textContent()).toBe('121');

    const now = Date.now();
    const fresh = <T extends { ts: number; localTs: number }>(e: T, lag: number): T => ({
      ...e,
      ts: now - lag,
      localTs: now - lag + 2,
    });
    await publishEvents(gw.bus, [
      fresh(bbo('binance', 'BTC-USDT', 1), 5),
      fresh(bbo('okx', 'BTC-USDT', 2), 8),
      fresh(bbo('coinbase', 'BTC-USDT', 0), 12),
      ...Array.from({ length: 12 }, (_, i) =>
        fresh(trade(i % 2 ? 'okx' : 'binance', 'BTC-USDT', i), 4),
      ),
    ]);
    await gw.bus.publish('md.agg.bbo', [
      {
        key: 'BTC-USDT',
        value: json({
          symbol: 'BTC-USDT',
          bidPrice: '102.5',
          bidAmount: '1.25',
          bidExchange: 'okx',
          askPrice: '101.5',
          askAmount: '2',
          askExchange: 'coinbase',
          crossed: true,
          locked: false,
          ts: now,
          localTs: now,
          venues: 3,
        }),
      },
    ]);
    await gw.bus.publish('md.alerts', [
      {
        key: 'okx:BTC-USDT',
        value: json({
          type: 'alert',
          exchange: 'okx',
          symbol: 'BTC-USDT',
          nativeSymbol: 'BTC-USDT',
          ts: now,
          localTs: now,
          kind: 'crossed-market',
          severity: 'warning',
          detail: 'best bid 102.5 (okx) above best ask 101.5 (coinbase)',
        }),
      },
    ]);
    await eventually(async () => {
      const m = await debug<MarketState>('market()');
      expect(m).toMatchObject({ bboRows: 3, nbbo: true, trades: 12, alerts: 1 });
      expect(await page.locator('#trades-body tr').count()).toBe(12);
    });
    const bboText = await page.getByTestId('bbo-table').innerText();
    for (const venue of ['binance', 'okx', 'coinbase', 'NBBO']) expect(bboText).toContain(venue);
    expect(bboText).toContain('102.5'); // exact decimal strings, as published
    expect(await page.locator('#nbbo-flag').textContent()).toBe('crossed');
    expect(await page.getByTestId('alerts').innerText()).toContain('crossed-market');
    expect(await page.getByTestId('trades-tape').innerText()).toContain('111.25');
    await page.waitForTimeout(300); // let the 200 ms render tick paint before the screenshot
    await page.screenshot({ path: join(SHOTS, 'market.png') });
    expect(errors).toEqual([]);
  }, 60_000);

  it('lets an admin stop a connector from the operations view and shows the new state', async () => {
    await page.getByTestId('nav-operations').click();
    expect(new URL(page.url()).pathname).toBe('/operations');
    await page.waitForFunction(`window.__feedgate.operations().connectors.length === 3`);
    const okxState = page.getByTestId('state-okx-1');
    expect(await okxState.textContent()).toBe('live');
    await page.getByTestId('toggle-okx-1').click();
    await eventually(async () => expect(await okxState.textContent()).toBe('stopped'));
    expect(await page.getByTestId('toggle-okx-1').textContent()).toBe('start');
    expect(registry.connectors().find((c) => c.id === 'okx-1')).toMatchObject({
      state: 'stopped',
      enabled: false,
    });
    const latency = await page.getByTestId('latency').innerText();
    expect(latency).toContain('binance');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'operations.png') });

    // and back: start it again
    await page.getByTestId('toggle-okx-1').click();
    await eventually(async () => expect(await okxState.textContent()).toBe('live'));
  }, 60_000);

  it('shows no start/stop buttons to a viewer key, and deep links load the view', async () => {
    const created = await fetch(`${gw.http}/admin/keys`, {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'desk', role: 'viewer' }),
    });
    const viewerKey = ((await created.json()) as { key: string }).key;
    const viewer = await browser.newPage();
    try {
      await viewer.goto(`${gw.http}/operations?apiKey=${viewerKey}`);
      await viewer.waitForFunction(
        `window.__feedgate?.view() === 'operations' && window.__feedgate.operations().polls > 0`,
      );
      expect(await viewer.evaluate('window.__feedgate.role()')).toBe('viewer');
      expect(await viewer.getByTestId('connectors').innerText()).toContain('binance-1');
      expect(await viewer.locator('[data-testid^="toggle-"]').count()).toBe(0);
    } finally {
      await viewer.close();
    }
  }, 60_000);
});
