import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MarketBus } from '@feedgate/bus';
import { FrameDecoder } from '@feedgate/codec';
import { configureGatewayApp } from '@feedgate/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';

const ADMIN_KEY = 'spec-admin-key-0123456789';

/**
 * The all-in-one app end to end, in process, over real HTTP and WebSocket on 127.0.0.1:0:
 * emulator → gates A and B → dedup → md.unified → gateway, aggregator → md.agg.*.
 */
describe('AppModule (embedded pipeline)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const config = AppConfig.fromEnv({
      PORT: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      FEEDGATE_EXCHANGES: 'binance,okx',
      FEEDGATE_SYMBOLS: 'BTC-USDT,ETH-USDT',
      FEEDGATE_RATE: '40',
      FEEDGATE_ADMIN_KEY: ADMIN_KEY,
      GATEWAY_CONFIG_FILE: `${process.env.TMPDIR ?? '/tmp'}/feedgate-app-spec-${process.pid}.json`,
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    configureGatewayApp(app);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('answers GET /health', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
  });

  it('delivers deduplicated events to md.unified: each trade once although gates A and B both send it', async () => {
    const bus = app.get(MarketBus);
    const decoder = new FrameDecoder();
    const trades = new Map<string, number>();
    const sub = await bus.subscribe(
      { topics: ['md.unified'], groupId: 'app-spec-reader', fromBeginning: true },
      (batch) => {
        for (const r of batch.records) {
          for (const e of decoder.decode(r.value).events) {
            if (e.type === 'trade') {
              const id = `${e.exchange}:${e.symbol}:${e.id}`;
              trades.set(id, (trades.get(id) ?? 0) + 1);
            }
          }
        }
      },
    );
    await expect.poll(() => trades.size, { timeout: 30_000, interval: 250 }).toBeGreaterThan(20);
    await sub.close();
    const repeated = [...trades.values()].filter((n) => n > 1);
    expect(repeated).toEqual([]);
    expect([...trades.keys()].some((k) => k.startsWith('binance:BTC-USDT:'))).toBe(true);
    expect([...trades.keys()].some((k) => k.startsWith('okx:'))).toBe(true);
  }, 40_000);

  it('lists both replicas of every exchange as live connectors in the admin API', async () => {
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base}/admin/connectors`, {
            headers: { 'x-api-key': ADMIN_KEY },
          });
          const body = (await res.json()) as { id: string; state: string }[];
          return body
            .filter((c) => c.state === 'live')
            .map((c) => c.id)
            .sort();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['gate-a:binance', 'gate-a:okx', 'gate-b:binance', 'gate-b:okx']);
  }, 40_000);

  it('stops and restarts one replica from the admin API while the other keeps running', async () => {
    const headers = { 'x-api-key': ADMIN_KEY };
    const stop = await fetch(`${base}/admin/connectors/gate-a:binance/stop`, {
      method: 'POST',
      headers,
    });
    expect(stop.status).toBeLessThan(300);
    const list = async () =>
      (await (await fetch(`${base}/admin/connectors`, { headers })).json()) as {
        id: string;
        state: string;
        enabled: boolean;
      }[];
    const afterStop = await list();
    expect(afterStop.find((c) => c.id === 'gate-a:binance')).toMatchObject({
      state: 'stopped',
      enabled: false,
    });
    expect(afterStop.find((c) => c.id === 'gate-b:binance')?.enabled).toBe(true);
    const start = await fetch(`${base}/admin/connectors/gate-a:binance/start`, {
      method: 'POST',
      headers,
    });
    expect(start.status).toBeLessThan(300);
    await expect
      .poll(async () => (await list()).find((c) => c.id === 'gate-a:binance')?.state, {
        timeout: 20_000,
      })
      .toBe('live');
  }, 30_000);

  it('streams live trades to a trader over the WebSocket gateway', async () => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?apiKey=${ADMIN_KEY}`);
    const messages: { op: string; channel?: string; data?: { type: string; exchange: string } }[] =
      [];
    ws.on('message', (raw) => messages.push(JSON.parse(String(raw))));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ op: 'subscribe', channel: 'trades', symbol: 'BTC-USDT' }));
    await expect
      .poll(() => messages.filter((m) => m.op === 'data' && m.data?.type === 'trade').length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(3);
    ws.close();
  }, 30_000);

  it('publishes aggregates (candles) to md.agg.candles', async () => {
    const bus = app.get(MarketBus);
    let kinds = new Set<string>();
    const sub = await bus.subscribe(
      { topics: ['md.agg.candles'], groupId: 'app-spec-agg', fromBeginning: true },
      (batch) => {
        for (const r of batch.records)
          kinds.add((JSON.parse(r.value.toString('utf8')) as { kind: string }).kind);
      },
    );
    await expect.poll(() => kinds.has('candle'), { timeout: 20_000 }).toBe(true);
    await sub.close();
    kinds = new Set();
  }, 30_000);
});
