import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'bin', 'feedgate.cjs');
const FIXTURES = join(__dirname, '..', '..', '..', 'libs', 'exchanges', 'src');

function run(args: string[], input: string): { status: number | null; out: string[]; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout.split('\n').slice(0, -1), err: r.stderr };
}

/** The raw frames of a samples file, as exact text (the line's `raw` value). */
async function rawFrames(id: string): Promise<string[]> {
  const { readSampleLines } = await import('../../../libs/exchanges/src/testing/sample-lines');
  return readSampleLines(join(FIXTURES, id, 'fixtures', `${id}.samples.jsonl`)).map(
    (l) => l.rawText,
  );
}

describe('feedgate normalize (real CLI process)', () => {
  it('writes exactly one line per input line: events, [] for controls, {"error"} for junk', async () => {
    const frames = await rawFrames('binance');
    const input =
      ['{"result":null,"id":1}', ...frames, 'not json', base64('{"result":null,"id":2}')].join(
        '\n',
      ) + '\n';
    const r = run(['normalize', '--exchange', 'binance'], input);
    expect(r.status).toBe(0);
    expect(r.out).toHaveLength(frames.length + 3);
    expect(r.out[0]).toBe('[]');
    const trade = JSON.parse(r.out[1]) as Record<string, unknown>[];
    expect(trade[0]).toMatchObject({
      type: 'trade',
      exchange: 'binance',
      symbol: 'BNB-BTC',
      id: '40756030',
      price: '0.00426990',
      amount: '33.82000000',
      side: 'buy',
      ts: 1554076800940,
    });
    expect(JSON.parse(r.out[frames.length + 1])).toHaveProperty('error');
    expect(r.out[frames.length + 2]).toBe('[]');
  }, 60_000);

  it('keeps per-connection state and number tokens exact (kraken)', async () => {
    const frames = await rawFrames('kraken');
    const r = run(['normalize', '--exchange', 'kraken'], frames.join('\n') + '\n');
    expect(r.status).toBe(0);
    expect(r.out).toHaveLength(frames.length);
    expect(r.out.slice(0, 3)).toEqual(['[]', '[]', '[]']);
    const trades = JSON.parse(r.out[4]) as { price: string; symbol: string }[];
    expect(trades.map((t) => [t.symbol, t.price])).toEqual([
      ['XMR-USD', '354.04000000'],
      ['XMR-USD', '353.81000000'],
    ]);
  }, 60_000);

  it('rejects an unknown exchange with exit code 2', () => {
    const r = run(['normalize', '--exchange', 'nope'], '');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/unknown exchange "nope"/);
  }, 60_000);
});

function base64(s: string): string {
  return 'base64:' + Buffer.from(s).toString('base64');
}
