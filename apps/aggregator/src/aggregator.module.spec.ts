import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InProcessBus } from '@feedgate/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggEvents } from '../../../libs/aggregator/src/testing/agg-events';
import {
  OutputReader,
  publishUnified,
  TEST_TOPICS,
  until,
} from '../../../libs/aggregator/src/pipeline/pipeline-test.kit';
import { AggregatorModule } from './aggregator.module';
import { AggregatorService } from './aggregator.service';
import { AggregatorConfig } from './config/aggregator.config';

const T0 = 1_700_000_040_000;

describe('AggregatorModule (in-process bus, real HTTP on 127.0.0.1:0)', () => {
  const bus = new InProcessBus();
  let now = T0;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    await bus.ensureTopics(TEST_TOPICS);
    const config = AggregatorConfig.fromEnv({
      PORT: '0',
      AGG_CANDLE_INTERVALS: '1s',
      AGG_TICK_MS: '60000', // the test ticks by hand
    });
    app = await NestFactory.create(AggregatorModule.forRoot(config, { bus, clock: () => now }), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await bus.close();
  });

  it('consumes md.unified as feedgate-aggregator and publishes 1s candles', async () => {
    const out = await OutputReader.attach(bus, 'reader');
    now = T0 + 500;
    await publishUnified(bus, [
      AggEvents.trade('okx', 'BTC-USDT', T0 + 100, '10', '1'),
      AggEvents.trade('okx', 'BTC-USDT', T0 + 400, '12', '2'),
    ]);
    const service = app.get(AggregatorService);
    await until(() => service.stats().events === 2, 'events');
    now = T0 + 1_000;
    await service.runner.tick();
    await until(() => out.json('candle').length === 1, 'candle');
    const [m] = out.json('candle');
    expect(m).toMatchObject({ kind: 'candle', amended: false, revision: 0 });
    expect(m.candle).toMatchObject({ exchange: 'okx', interval: '1s', open: '10', close: '12' });
    expect(m.candle.volume).toBe('3');
    expect(service.stats().commits).toBeGreaterThan(0);
  });

  it('serves /health and /metrics', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      groupId: string;
      runner: { events: number };
    };
    expect([body.status, body.groupId, body.runner.events]).toEqual([
      'ok',
      'feedgate-aggregator',
      2,
    ]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('feedgate_agg_events_total{type="trade"} 2');
    expect(metrics).toContain('feedgate_agg_up 1');
  });

  it('leaves the borrowed bus open when the app closes, and /health goes red once stopped', async () => {
    await app.get(AggregatorService).runner.stop();
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(503);
    await expect(bus.ensureTopics([])).resolves.toBeUndefined();
  });
});
