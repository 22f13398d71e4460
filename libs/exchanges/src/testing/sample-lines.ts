import { readFileSync } from 'node:fs';

/** One line of a samples JSONL file, with the raw frame as its exact text. */
export interface SampleLine {
  readonly id: string;
  /** The `raw` value's JSON text, byte for byte as in the file (number tokens intact). */
  readonly rawText: string;
  readonly expect: unknown;
  readonly exchangeTimePrecise?: string | readonly string[];
  readonly dependsOn?: readonly string[];
}

/**
 * Reads a samples file. The raw frame is cut out of the line by scanning, not re-serialized:
 * JSON.stringify(JSON.parse(..)) would turn `4714.0` into `4714` and mangle 20-digit ids.
 */
export function readSampleLines(path: string): SampleLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const meta = JSON.parse(line) as Omit<SampleLine, 'rawText'>;
      return { ...meta, rawText: extractRawText(line) };
    });
}

/** The text of the top-level `"raw"` value of a JSON object line. */
export function extractRawText(line: string): string {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      const end = stringEnd(line, i);
      // a key at depth 1 followed by a colon
      if (depth === 1 && line.slice(i, end) === '"raw"' && /^\s*:/.test(line.slice(end))) {
        const start = end + line.slice(end).indexOf(':') + 1;
        return line.slice(start, valueEnd(line, start)).trim();
      }
      i = end - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  throw new Error('no "raw" key in sample line');
}

function stringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  throw new Error('unterminated string in sample line');
}

/** End of the JSON value starting at `start` (leading blanks allowed). */
function valueEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const e = stringEnd(s, i);
      if (depth === 0) return e;
      i = e - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (c === ',' && depth === 0) return i;
  }
  return s.length;
}
