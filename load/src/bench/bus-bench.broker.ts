import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BenchReport } from './bench-report';

/**
 * The broker for bus.bench.ts: KAFKA_BROKERS when set, otherwise `npm run kafka:up`
 * (infra/kafka/kafka-up.sh, idempotent; prints KAFKA_BROKERS=host:port). The broker is left
 * running afterwards: other tools may be using it (`npm run kafka:down` stops it).
 */
export class BusBenchBroker {
  static locate(env: NodeJS.ProcessEnv = process.env): { brokers: string; started: boolean } {
    const given = env.KAFKA_BROKERS?.trim();
    if (given) return { brokers: given, started: false };
    BenchReport.print('KAFKA_BROKERS is not set: starting the local broker (npm run kafka:up) ...');
    const script = join(BenchReport.rootDir, 'infra', 'kafka', 'kafka-up.sh');
    const run = spawnSync('bash', [script], {
      cwd: BenchReport.rootDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 180_000,
    });
    const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(run.stdout ?? '')?.[1];
    if (run.status !== 0 || !brokers) {
      throw new Error(
        `could not start Kafka (npm run kafka:up exited ${run.status ?? run.signal}); ` +
          'start a broker and set KAFKA_BROKERS=host:port',
      );
    }
    return { brokers, started: /^KAFKA_STARTED=true$/m.test(run.stdout) };
  }
}
