import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { BusConfig } from './bus.config';
import { BusModule } from './bus.module';
import { BusClosedError } from './errors/bus-closed.error';
import { BusConfigError } from './errors/bus-config.error';
import { InProcessBus } from './in-process/in-process.bus';
import { KafkaBus } from './kafka/kafka.bus';
import { MarketBus } from './market-bus';

describe('BusModule', () => {
  it('provides the in-process bus without brokers and closes it on shutdown', async () => {
    const app = await Test.createTestingModule({
      imports: [BusModule.forRoot(BusConfig.of())],
    }).compile();
    const bus = app.get(MarketBus);
    expect(bus).toBeInstanceOf(InProcessBus);
    await bus.ensureTopics([{ topic: 'md.raw', partitions: 2 }]);
    await app.close();
    await expect(bus.publish('md.raw', [])).rejects.toBeInstanceOf(BusClosedError);
  });

  it('provides the Kafka bus when brokers are configured (connecting lazily)', async () => {
    const config = BusConfig.of({ brokers: ['127.0.0.1:1'] });
    const app = await Test.createTestingModule({ imports: [BusModule.forRoot(config)] }).compile();
    expect(app.get(MarketBus)).toBeInstanceOf(KafkaBus);
    expect(app.get(BusConfig)).toBe(config);
    await app.close();
  });

  it('reads the environment when no config is given, failing on bad values', async () => {
    const saved = process.env.BUS_LINGER_MS;
    process.env.BUS_LINGER_MS = 'soon';
    try {
      await expect(
        Test.createTestingModule({ imports: [BusModule.forRoot()] }).compile(),
      ).rejects.toBeInstanceOf(BusConfigError);
    } finally {
      if (saved === undefined) delete process.env.BUS_LINGER_MS;
      else process.env.BUS_LINGER_MS = saved;
    }
  });
});
