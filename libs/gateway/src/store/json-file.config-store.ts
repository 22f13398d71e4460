import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigStoreError } from '../errors/config-store.error';
import { ConfigStore } from './config-store';

interface FileShape {
  readonly version: 1;
  readonly entries: Record<string, unknown>;
}

/**
 * Embedded-mode ConfigStore: one JSON file, rewritten whole on every change through a temp
 * file + rename so a crash never leaves a half-written file. Writes are serialized.
 */
export class JsonFileConfigStore extends ConfigStore {
  private entries = new Map<string, unknown>();
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {
    super();
  }

  async load(): Promise<ReadonlyMap<string, unknown>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map(this.entries);
      throw new ConfigStoreError(`cannot read ${this.path}`, { cause: error });
    }
    let parsed: FileShape;
    try {
      parsed = JSON.parse(text) as FileShape;
    } catch (error) {
      throw new ConfigStoreError(`${this.path} is not valid JSON`, { cause: error });
    }
    if (parsed?.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) {
      throw new ConfigStoreError(`${this.path}: expected {"version":1,"entries":{…}}`);
    }
    this.entries = new Map(Object.entries(parsed.entries));
    return new Map(this.entries);
  }

  async put(id: string, value: unknown): Promise<void> {
    if (value === null) this.entries.delete(id);
    else this.entries.set(id, value);
    const body: FileShape = { version: 1, entries: Object.fromEntries(this.entries) };
    const text = `${JSON.stringify(body, null, 2)}\n`;
    const write = this.writing.then(async () => {
      const tmp = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFile(tmp, text, { mode: 0o600 });
        await rename(tmp, this.path);
      } catch (error) {
        throw new ConfigStoreError(`cannot write ${this.path}`, { cause: error });
      }
    });
    this.writing = write.catch(() => undefined);
    await write;
  }

  async close(): Promise<void> {
    await this.writing;
  }
}
