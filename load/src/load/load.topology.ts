import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChaosBroker, freePort } from '../chaos/chaos.broker';
import { ChaosChild, ROOT_DIR } from '../chaos/chaos-child.process';
import { EmulatorControlClient } from '../chaos/emulator-control.client';

export interface TopologyOptions {
  readonly exchanges: readonly string[];
  readonly symbols: readonly string[];
  readonly gatesPerReplica: number;
  readonly logDir: string;
  readonly adminKey: string;
  readonly log: (line: string) => void;
}

/** A child whose CPU and memory the report tracks, with its /metrics URL when it has one. */
export interface Service {
  readonly name: string;
  readonly role: 'emulator' | 'gate' | 'dedup' | 'aggregator' | 'gateway' | 'kafka';
  readonly pid: () => number | undefined;
  readonly metricsUrl?: string;
  readonly replica?: 'A' | 'B';
}

/**
 * The production topology as separate processes (launched with the chaos harness's ChaosChild
 * and ChaosBroker): Kafka (own broker on free ports + temp data dir unless KAFKA_BROKERS is
 * set), dedup, aggregator, gateway, and per load step the emulator and the gates of replicas
 * A and B (sharded i/N). Back-end services stay up across steps; emulator + gates restart.
 */
export class LoadTopology {
  readonly services: Service[] = [];
  private readonly children: ChaosChild[] = [];
  private stepChildren: ChaosChild[] = [];
  private stepServices: Service[] = [];
  private broker: ChaosBroker | undefined;
  private brokerDir: string | undefined;
  brokers = '';
  gatewayUrl = '';
  emulator: EmulatorControlClient | undefined;

  constructor(private readonly opts: TopologyOptions) {}

  async startBackend(): Promise<void> {
    const { log } = this.opts;
    if (process.env.KAFKA_BROKERS) {
      this.brokers = process.env.KAFKA_BROKERS;
      log(`using KAFKA_BROKERS=${this.brokers}`);
      // The broker of `npm run kafka:up` (a warm JVM: a fresh one spends its first minute in
      // the JIT compiler) is tracked too when its pid file is there.
      const dir = process.env.KAFKA_DATA_DIR ?? join(ROOT_DIR, 'infra', 'kafka', '.data');
      if (brokerPid(dir) !== undefined) {
        this.services.push({ name: 'kafka', role: 'kafka', pid: () => brokerPid(dir) });
      }
    } else {
      this.brokerDir = mkdtempSync(join(tmpdir(), 'feedgate-load-kafka-'));
      this.broker = await ChaosBroker.create(this.brokerDir, log);
      log(`starting Kafka on ${this.broker.brokers} (data ${this.brokerDir})`);
      await this.broker.up();
      this.brokers = this.broker.brokers;
      const dir = this.brokerDir;
      this.services.push({ name: 'kafka', role: 'kafka', pid: () => brokerPid(dir) });
    }
    const common = { KAFKA_BROKERS: this.brokers, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };
    const dedupPort = await freePort(0);
    await this.launch('dedup', 'dedup', 'apps/dedup/src/main.ts', dedupPort, {
      ...common,
      DEDUP_INSTANCE_ID: `load-${process.pid}`,
      DEDUP_GROUP_ID: `load-dedup-${process.pid}-${Date.now()}`,
      PORT: String(dedupPort),
    });
    const aggPort = await freePort(0);
    await this.launch('aggregator', 'aggregator', 'apps/aggregator/src/main.ts', aggPort, {
      ...common,
      AGG_GROUP_ID: `load-agg-${process.pid}-${Date.now()}`,
      PORT: String(aggPort),
    });
    const gwPort = await freePort(0);
    await this.launch('gateway', 'gateway', 'apps/gateway/src/main.ts', gwPort, {
      ...common,
      PORT: String(gwPort),
      FEEDGATE_ADMIN_KEY: this.opts.adminKey,
      // The load clients subscribe to every symbol at once and must never be cut as slow.
      GATEWAY_MAX_SUBSCRIPTIONS: '10000',
      GATEWAY_INBOUND_RATE: '10000',
      GATEWAY_INBOUND_BURST: '10000',
      // A measuring client queues what the gateway could not send yet: cutting it would end the
      // latency measurement, so the slow-consumer limits sit far above anything a run reaches.
      GATEWAY_MAX_QUEUED_MESSAGES: '5000000',
      GATEWAY_MAX_BUFFERED_BYTES: String(512 * 1024 * 1024),
      GATEWAY_MAX_LAG_MS: '600000',
      GATEWAY_CONFIG_FILE: join(this.opts.logDir, 'gateway-config.json'),
    });
    this.gatewayUrl = `http://127.0.0.1:${gwPort}`;
  }

  /** Emulator + gates for one rate step. Resolves when every gate answers /health. */
  async startStep(stepsPerSymbol: number, seed: number, idBase: number): Promise<void> {
    await this.stopStep();
    const { exchanges, symbols, gatesPerReplica, log } = this.opts;
    const emu = new ChaosChild('emulator', 'emulator/src/main.ts', {}, this.opts.logDir);
    this.stepChildren.push(emu);
    const line = await emu.start(
      [
        '--exchanges',
        exchanges.join(','),
        '--symbols',
        symbols.join(','),
        '--rate',
        String(stepsPerSymbol),
        '--seed',
        String(seed),
        '--id-base',
        String(idBase),
        '--port',
        '0',
      ],
      true,
    );
    const started = JSON.parse(line) as {
      control: string;
      exchanges: Record<string, { ws: string; rest: string }>;
    };
    this.emulator = new EmulatorControlClient(started.control);
    this.stepServices.push({ name: 'emulator', role: 'emulator', pid: () => emu.pid });
    const urls: Record<string, string> = {};
    for (const [id, u] of Object.entries(started.exchanges)) {
      const suffix = id.toUpperCase().replace(/-/g, '_');
      urls[`GATE_URL_${suffix}_WS`] = u.ws;
      urls[`GATE_URL_${suffix}_REST`] = u.rest;
    }
    const starts: Promise<void>[] = [];
    for (const replica of ['A', 'B'] as const) {
      for (let i = 0; i < gatesPerReplica; i++) {
        const name = `gate-${replica.toLowerCase()}${i}`;
        const port = await freePort(0);
        starts.push(
          this.launch(
            name,
            'gate',
            'apps/gate/src/main.ts',
            port,
            {
              KAFKA_BROKERS: this.brokers,
              LOG_LEVEL: 'warn',
              LOG_FORMAT: 'json',
              GATE_ID: `load-${name}`,
              GATE_REPLICA: replica,
              GATE_SHARD: `${i}/${gatesPerReplica}`,
              GATE_EXCHANGES: exchanges.join(','),
              GATE_SYMBOLS: symbols.join(','),
              PORT: String(port),
              ...urls,
            },
            replica,
            true,
          ),
        );
      }
    }
    await Promise.all(starts);
    log(`emulator at ${stepsPerSymbol} steps/s/symbol and ${2 * gatesPerReplica} gates up`);
  }

  async stopStep(): Promise<void> {
    // Gates first (SIGTERM flushes their uploaders), then the emulator.
    const gates = this.stepChildren.filter((c) => c.name.startsWith('gate-'));
    await Promise.all(gates.map((c) => c.close()));
    await Promise.all(this.stepChildren.filter((c) => !gates.includes(c)).map((c) => c.close()));
    this.stepChildren = [];
    this.stepServices = [];
    this.emulator = undefined;
  }

  /** Every tracked process of the current step plus the back end. */
  allServices(): Service[] {
    return [...this.stepServices, ...this.services];
  }

  async stop(): Promise<void> {
    await this.stopStep();
    for (const c of this.children.reverse()) await c.close();
    if (this.broker) {
      await this.broker.down().catch((e: unknown) => this.opts.log(`kafka down: ${String(e)}`));
      if (this.brokerDir) rmSync(this.brokerDir, { recursive: true, force: true });
    }
  }

  private async launch(
    name: string,
    role: Service['role'],
    script: string,
    port: number,
    env: NodeJS.ProcessEnv,
    replica?: 'A' | 'B',
    step = false,
  ): Promise<void> {
    const child = new ChaosChild(name, script, env, this.opts.logDir);
    (step ? this.stepChildren : this.children).push(child);
    await child.start();
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/health`, 90_000, () => child.running, name);
    const service: Service = {
      name,
      role,
      pid: () => child.pid,
      metricsUrl: `${base}/metrics`,
      replica,
    };
    (step ? this.stepServices : this.services).push(service);
  }
}

/** Polls until the URL answers at all (any status: a 503 health still means "listening"). */
async function waitForHttp(
  url: string,
  timeoutMs: number,
  alive: () => boolean,
  name: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${name} exited during start-up (see its log)`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms`);
}

function brokerPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'kafka.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
