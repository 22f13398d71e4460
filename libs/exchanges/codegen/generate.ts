import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { EXCHANGE_SPECS } from '../src/exchange-specs';
import { ParserEmitter } from './parser-emitter';

/**
 * `npm run codegen`: writes libs/exchanges/src/<id>/<id>.parser.generated.ts for every spec.
 * `--check`: writes nothing, exits 1 when a checked-in file differs from what would be generated.
 */
const SRC = join(__dirname, '..', 'src');

export function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

export function camel(id: string): string {
  const p = pascal(id);
  return p[0].toLowerCase() + p.slice(1);
}

export function generatedPath(id: string): string {
  return join(SRC, id, `${id}.parser.generated.ts`);
}

/** The formatted source the generator produces for every spec, keyed by output path. */
export async function generateAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const file = generatedPath(EXCHANGE_SPECS[0].id);
  const config = (await resolveConfig(file)) ?? {};
  for (const spec of EXCHANGE_SPECS) {
    const raw = new ParserEmitter(spec, `${camel(spec.id)}Spec`, `${pascal(spec.id)}Parser`).emit();
    out.set(generatedPath(spec.id), await format(raw, { ...config, parser: 'typescript' }));
  }
  return out;
}

/** Paths whose checked-in content is not what the generator produces now. */
export async function staleFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, text] of await generateAll()) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) stale.push(path);
  }
  return stale;
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const stale = await staleFiles();
    for (const p of stale) process.stdout.write(`out of date: ${p} (run npm run codegen)\n`);
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  for (const [path, text] of await generateAll()) {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`codegen failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
