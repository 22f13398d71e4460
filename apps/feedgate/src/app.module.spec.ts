import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MarketBus } from '@feedgate/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';

describe('AppModule (embedded, over real HTTP on 127.0.0.1:0)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const config = AppConfig.fromEnv({ PORT: '0', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers GET /health with the bus kind and the md.* topics', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; bus: string; topics: string[] };
    expect(body.status).toBe('ok');
    expect(body.bus).toBe('in-process');
    expect(body.topics).toEqual(
      expect.arrayContaining(['md.raw', 'md.unified', 'md.deadletter', 'md.config']),
    );
  });

  it('created the md.* topics on the embedded bus, so a frame published to md.raw is delivered', async () => {
    const bus = app.get(MarketBus);
    const received: Buffer[] = [];
    const sub = await bus.subscribe(
      { topics: ['md.raw'], groupId: 'app-spec' },
      async (batch, s) => {
        for (const r of batch.records) received.push(r.value);
        await s.commit([
          { topic: batch.topic, partition: batch.partition, offset: batch.nextOffset },
        ]);
      },
    );
    await bus.publish('md.raw', [{ key: 'binance:BTC-USDT', value: Buffer.from([1, 2, 3]) }]);
    await expect.poll(() => received.length).toBe(1);
    expect([...received[0]]).toEqual([1, 2, 3]);
    await sub.close();
  });

  it('answers 404 for unknown routes', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
  });
});
