import { ControlApiServer } from './control/control-api.server';
import { createDialect, EMULATED_EXCHANGES } from './dialects/dialect.registry';
import { EmulatorError } from './emulator.error';
import type { EmulatorOptions, ExchangeUrls } from './emulator.options';
import type { FaultResult } from './faults/fault-request';
import { FaultInjector } from './faults/fault.injector';
import { GroundTruthRecorder } from './ground-truth/ground-truth.recorder';
import { ExchangeMarket } from './market/exchange-market';
import { MarketClock } from './market/market.clock';
import type { SymbolMarket } from './market/symbol-market';
import type { ScenarioResult } from './scenarios/scenario-request';
import { ScenarioInjector } from './scenarios/scenario.injector';
import { ExchangeServer, type ExchangeServerStatus } from './transport/exchange.server';

const SYMBOL_FORMAT = /^[A-Z0-9]+-[A-Z0-9]+(-[A-Z0-9]+)*$/;

/**
 * The exchange emulator, in-process: one loopback server per exchange speaking its real wire
 * protocol over a deterministic seeded market, a control API for faults and market scenarios,
 * and the ground truth of what was sent. `await EmulatorServer.start({...})`, then `stop()`.
 */
export class EmulatorServer {
  readonly groundTruth: GroundTruthRecorder;
  readonly urls: Readonly<Record<string, ExchangeUrls>> = {};
  readonly servers = new Map<string, ExchangeServer>();
  private readonly control: ControlApiServer;
  private readonly clock: MarketClock;
  private readonly faults: FaultInjector;
  private readonly scenarios: ScenarioInjector;
  private stopped = false;

  private constructor(readonly options: EmulatorOptions) {
    this.groundTruth = new GroundTruthRecorder(options.tradeLogCap);
    const host = options.host ?? '127.0.0.1';
    for (const id of options.exchanges) {
      const dialect = createDialect(id, { pingIntervalMs: options.pingIntervalMs });
      if (!dialect) {
        throw new EmulatorError(
          'EMULATOR_UNKNOWN_EXCHANGE',
          `not emulated: ${id} (emulated: ${EMULATED_EXCHANGES.join(', ')})`,
        );
      }
      const symbols = options.symbols.map((symbol) => ({
        symbol,
        nativeSymbol: dialect.nativeSymbol(symbol),
      }));
      const market = new ExchangeMarket(
        id,
        symbols,
        options.seed ?? 42,
        options.depth ?? 20,
        options.ratePerSymbol ?? 10,
        options.rates,
        options.idBase ?? 0,
      );
      this.servers.set(id, new ExchangeServer(dialect, market, this.groundTruth, host));
    }
    this.control = new ControlApiServer(
      {
        status: () => this.status(),
        fault: (req) => this.fault(req),
        scenario: (req) => this.scenario(req),
        groundTruthJson: (exchange, symbol) => this.groundTruthJson(exchange, symbol),
      },
      host,
    );
    this.faults = new FaultInjector(this.servers);
    this.scenarios = new ScenarioInjector(this.servers);
    this.clock = new MarketClock(options.tickMs ?? 50, (dt, now) => this.tick(dt, now));
  }

  static async start(options: EmulatorOptions): Promise<EmulatorServer> {
    validate(options);
    const emu = new EmulatorServer(options);
    try {
      await emu.listen();
    } catch (e) {
      await emu.stop();
      throw e;
    }
    return emu;
  }

  get controlUrl(): string {
    return this.control.url;
  }

  /** The market of (exchange, normalized or native symbol), for tests. */
  market(exchange: string, symbol: string): SymbolMarket | undefined {
    const server = this.servers.get(exchange);
    if (!server) return undefined;
    return server.market.get(symbol) ?? server.market.get(server.dialect.nativeSymbol(symbol));
  }

  /** Injects a fault (same body as `POST /control/faults`). */
  fault(request: unknown): FaultResult {
    return this.faults.apply(request);
  }

  /** Queues a market scenario (same body as `POST /control/scenarios`). */
  scenario(request: unknown): ScenarioResult {
    return this.scenarios.apply(request);
  }

  status(): { exchanges: ExchangeServerStatus[]; control: string } {
    return {
      exchanges: [...this.servers.values()].map((s) => s.status()),
      control: this.controlUrl,
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clock.stop();
    await Promise.all([...this.servers.values()].map((s) => s.stop()));
    await this.control.stop();
  }

  private async listen(): Promise<void> {
    const base = this.options.port ?? 0;
    await this.control.listen(base);
    let i = 1;
    const urls: Record<string, ExchangeUrls> = {};
    for (const [id, server] of this.servers) {
      await server.listen(base === 0 ? 0 : base + i++);
      urls[id] = { ws: server.wsUrl, rest: server.restUrl };
    }
    Object.assign(this.urls, urls);
    for (const f of this.options.faults ?? []) this.fault(f);
    for (const sc of this.options.scenarios ?? []) this.scenario(sc);
    this.clock.start();
  }

  private tick(dtMs: number, now: number): void {
    for (const server of this.servers.values()) server.publish(server.market.tick(dtMs, now));
  }

  private groundTruthJson(exchange: string | null, symbol: string | null): unknown {
    const keys = this.groundTruth
      .keys()
      .filter(
        (k) =>
          (exchange === null || k.exchange === exchange) &&
          (symbol === null || k.symbol === symbol),
      );
    return keys.map((k) => this.groundTruth.symbol(k.exchange, k.symbol));
  }
}

function validate(o: EmulatorOptions): void {
  const bad = (msg: string): never => {
    throw new EmulatorError('EMULATOR_BAD_OPTIONS', msg);
  };
  if (!Array.isArray(o.exchanges) || o.exchanges.length === 0)
    bad('at least one exchange is required');
  if (!Array.isArray(o.symbols) || o.symbols.length === 0) bad('at least one symbol is required');
  for (const s of o.symbols)
    if (!SYMBOL_FORMAT.test(s)) bad(`symbol must look like BTC-USDT: ${s}`);
  const rate = o.ratePerSymbol ?? 10;
  if (!(rate >= 0 && rate <= 1_000_000)) bad('ratePerSymbol must be in [0, 1000000]');
  for (const [symbol, r] of Object.entries(o.rates ?? {})) {
    if (!o.symbols.includes(symbol)) bad(`rates names a symbol not served: ${symbol}`);
    if (!(r >= 0 && r <= 1_000_000)) bad(`rate of ${symbol} must be in [0, 1000000]`);
  }
  const tick = o.tickMs ?? 50;
  if (!(tick >= 1 && tick <= 1_000)) bad('tickMs must be in [1, 1000]');
  const depth = o.depth ?? 20;
  if (!(Number.isInteger(depth) && depth >= 1 && depth <= 1_000))
    bad('depth must be an integer in [1, 1000]');
  const idBase = o.idBase ?? 0;
  // 2^50 leaves every id a plain integer (exact in a double) after years of growth.
  if (!(Number.isSafeInteger(idBase) && idBase >= 0 && idBase <= 2 ** 50))
    bad('idBase must be an integer in [0, 2^50]');
  const port = o.port ?? 0;
  if (!(Number.isInteger(port) && port >= 0 && port < 65_000))
    bad('port must be an integer in [0, 65000)');
}
