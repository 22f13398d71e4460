import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Ground truth of one (exchange, symbol), as `GET /control/ground-truth` returns it. */
export interface SymbolTruthJson {
  readonly symbol: string;
  readonly tradeLog: number[];
  readonly tradeLogTruncated: boolean;
  readonly bookSeqSent: { from: number; to: number }[];
  readonly bookGaps: { from: number; to: number }[];
  readonly snapshots: number;
}

export interface EmulatorStatusJson {
  readonly exchanges: {
    exchange: string;
    connections: number;
    subscriptions: number;
    refusedConnections: number;
    acceptedConnections: number;
  }[];
}

export interface EmulatorProcessOptions {
  readonly exchanges: readonly string[];
  readonly symbols: readonly string[];
  readonly rate: number;
  /** Per-symbol rates (`{ 'ETH-USDT': 0 }`: a quiet market on the same connection). */
  readonly rates?: Readonly<Record<string, number>>;
  readonly tickMs?: number;
  readonly pingIntervalMs?: number;
  readonly seed?: string;
}

const ROOT = resolve(__dirname, '../../../..');
const START_TIMEOUT_MS = 15_000;

/**
 * The emulator as a child process on loopback, driven only through its CLI and HTTP control
 * API — the way an outside client sees it, and the import boundaries (libs never import
 * `emulator/`) stay intact. `stop()` kills it; tests call it in `afterEach`.
 */
export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly control: string,
    readonly urls: Readonly<Record<string, { ws: string; rest: string }>>,
  ) {}

  static start(o: EmulatorProcessOptions): Promise<EmulatorProcess> {
    const args = [
      '-r',
      './tools/register.cjs',
      'emulator/src/main.ts',
      '--exchanges',
      o.exchanges.join(','),
      '--symbols',
      o.symbols.join(','),
      '--rate',
      String(o.rate),
      '--port',
      '0',
      '--seed',
      o.seed ?? 'e2e',
      '--tick-ms',
      String(o.tickMs ?? 20),
    ];
    const overrides = Object.entries(o.rates ?? {}).map(([s, r]) => `${s}=${r}`);
    if (overrides.length > 0) args.push('--rate-overrides', overrides.join(','));
    if (o.pingIntervalMs !== undefined) args.push('--ping-interval-ms', String(o.pingIntervalMs));
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`emulator did not start: ${stderr}`));
      }, START_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`emulator exited (${code}): ${stderr}`));
      });
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.once('line', (line) => {
        clearTimeout(timer);
        const msg = JSON.parse(line) as {
          control: string;
          exchanges: Record<string, { ws: string; rest: string }>;
        };
        ok(new EmulatorProcess(child, msg.control, msg.exchanges));
      });
    });
  }

  async fault(body: Record<string, unknown>): Promise<{ affected: number }> {
    const res = await fetch(`${this.control}/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fault refused: ${res.status} ${await res.text()}`);
    return (await res.json()) as { affected: number };
  }

  async status(): Promise<EmulatorStatusJson> {
    return (await (await fetch(`${this.control}/control/status`)).json()) as EmulatorStatusJson;
  }

  async truth(exchange: string, symbol: string): Promise<SymbolTruthJson> {
    const q = `exchange=${encodeURIComponent(exchange)}&symbol=${encodeURIComponent(symbol)}`;
    const list = (await (
      await fetch(`${this.control}/control/ground-truth?${q}`)
    ).json()) as SymbolTruthJson[];
    if (list.length !== 1) throw new Error(`no ground truth for ${exchange} ${symbol}`);
    return list[0];
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      this.child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      this.child.kill('SIGTERM');
    });
  }
}
