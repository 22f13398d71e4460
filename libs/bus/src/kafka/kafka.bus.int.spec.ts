import { BusConfig } from '../bus.config';
import { describeMarketBusContract } from '../market-bus.contract';
import { KafkaBus } from './kafka.bus';

/** The same contract as the in-process bus, against the real broker (KAFKA_BROKERS). */
describeMarketBusContract('kafka', async () => new KafkaBus(BusConfig.fromEnv()), {
  quietMs: 1500,
  timeoutMs: 60_000,
});
