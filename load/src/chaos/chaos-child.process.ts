import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT_DIR = join(__dirname, '..', '..', '..');

/**
 * One service of the run (emulator, gate, dedup) as a child process with its own env, its
 * output appended to `<logDir>/<name>.log` (never to our stdout, which carries the JSON
 * result). `kill9` is the crash under test; `stop` is the polite end of the run.
 */
export class ChaosChild {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly logFile: WriteStream;
  starts = 0;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    this.logFile = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts it; resolves with its first stdout line (the emulator prints its URLs there). */
  start(args: readonly string[] = [], waitFirstLine = false): Promise<string> {
    this.starts++;
    // FEEDGATE_CHILD_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles every
    // service of a run: Node refuses --cpu-prof in NODE_OPTIONS.
    const nodeArgs = (process.env.FEEDGATE_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const script = ['-r', './tools/register.cjs', this.script, ...args];
    const child = spawn(process.execPath, [...nodeArgs, ...script], {
      cwd: ROOT_DIR,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.logFile.write(`--- start #${this.starts} pid ${child.pid} ---\n`);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr?.pipe(this.logFile, { end: false });
    if (!waitFirstLine) {
      child.stdout?.pipe(this.logFile, { end: false });
      return Promise.resolve('');
    }
    return new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      let first = true;
      lines.on('line', (line) => {
        this.logFile.write(line + '\n');
        if (first) {
          first = false;
          resolve(line);
        }
      });
      child.once('exit', (code, signal) => {
        if (first) reject(new Error(`${this.name} exited (${code ?? signal}) before printing`));
      });
    });
  }

  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.running) {
      this.child!.kill('SIGTERM');
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => this.logFile.end(() => resolve()));
  }
}
