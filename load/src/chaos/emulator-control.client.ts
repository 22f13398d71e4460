/** The emulator's control API as the chaos harness uses it (loopback HTTP). */
export interface ClientStatus {
  readonly id: string;
  readonly replica: string | null;
  readonly stalled: boolean;
  readonly channels: Record<string, string[]>;
}

export interface ExchangeStatus {
  readonly exchange: string;
  readonly clients: ClientStatus[];
}

export interface IntRange {
  readonly from: number;
  readonly to: number;
}

export interface SymbolTruth {
  readonly exchange: string;
  readonly symbol: string;
  readonly tradesSent: IntRange[];
  readonly bookSeqSent: IntRange[];
  readonly bookGaps: IntRange[];
}

export interface FaultBody {
  readonly exchange: string;
  readonly kind: 'disconnect' | 'stall' | 'refuse';
  readonly replica?: string;
  readonly symbol?: string;
  readonly durationMs?: number;
}

export class EmulatorControlClient {
  constructor(readonly controlUrl: string) {}

  async status(): Promise<ExchangeStatus[]> {
    const body = (await this.get('/control/status')) as { exchanges: ExchangeStatus[] };
    return body.exchanges;
  }

  async groundTruth(): Promise<SymbolTruth[]> {
    return (await this.get('/control/ground-truth')) as SymbolTruth[];
  }

  async fault(body: FaultBody): Promise<number> {
    const res = await fetch(`${this.controlUrl}/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    const json = (await res.json()) as { affected?: number; error?: string };
    if (!res.ok) throw new Error(`fault ${JSON.stringify(body)} refused: ${json.error}`);
    return json.affected ?? 0;
  }

  private async get(path: string): Promise<unknown> {
    const res = await fetch(`${this.controlUrl}${path}`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return res.json();
  }
}
