import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT_DIR } from './chaos-child.process';

/**
 * The run's OWN Kafka broker (infra/kafka scripts with KAFKA_PORT / KAFKA_DATA_DIR), so a
 * restart mid-run never disturbs a broker other tests share. Same data dir across restarts:
 * committed data and offsets survive, as in production.
 */
export class ChaosBroker {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
    private readonly log: (line: string) => void,
  ) {}

  static async create(dataDir: string, log: (line: string) => void): Promise<ChaosBroker> {
    return new ChaosBroker(await freePortPair(), dataDir, log);
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const out = await this.script('kafka-up.sh', 180_000);
    if (!out.includes(`KAFKA_BROKERS=${this.brokers}`)) {
      throw new Error(`kafka-up did not report ${this.brokers}: ${out.trim()}`);
    }
  }

  async down(): Promise<void> {
    await this.script('kafka-down.sh', 60_000);
  }

  private script(name: string, timeoutMs: number): Promise<string> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn('bash', [join(ROOT_DIR, 'infra', 'kafka', name)], {
        cwd: ROOT_DIR,
        env: {
          ...process.env,
          KAFKA_PORT: String(this.port),
          KAFKA_CONTROLLER_PORT: String(this.port + 1),
          KAFKA_DATA_DIR: this.dataDir,
          KAFKA_HEAP_OPTS: process.env.CHAOS_KAFKA_HEAP_OPTS ?? '-Xms256m -Xmx768m',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        this.log(`broker ${name} exited ${code} in ${Date.now() - started} ms`);
        if (code === 0) resolve(stdout);
        else reject(new Error(`${name} exited ${code}: ${stderr.trim()}`));
      });
    });
  }
}

/** A free port p with p+1 free too (the KRaft controller port). */
async function freePortPair(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = await freePort(0);
    if (
      p < 65535 &&
      (await freePort(p + 1).then(
        () => true,
        () => false,
      ))
    )
      return p;
  }
  throw new Error('no free port pair for the chaos broker');
}

export function freePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      srv.close(() => resolve(p));
    });
  });
}
