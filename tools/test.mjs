#!/usr/bin/env node
// `npm test`: runs every Vitest project (unit + integration) against a real Kafka broker.
//
// - KAFKA_BROKERS set: use that cluster; start and stop nothing.
// - otherwise: `infra/kafka/kafka-up.sh` (reuses our broker when it is already up), run Vitest
//   with KAFKA_BROKERS set, and stop the broker afterwards - also on failure or Ctrl-C - if a
//   test run started it. Test runs sharing the broker (parallel `npm test`s in one checkout)
//   each hold a lease file; the last one out stops it. A broker started by hand with
//   `npm run kafka:up` is left running. If another program holds port 9092 (and KAFKA_PORT was
//   not chosen by the user), the broker moves to two free ports instead of failing.
// - `--project unit` alone needs no broker, so none is started.
// Extra arguments go to `vitest run`. Exit code: Vitest's (or non-zero if the broker failed).
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDashboardBuilt } from '../apps/dashboard/build-if-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kafkaDir = join(root, 'infra', 'kafka');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const PORT_TAKEN_EXIT = 3; // kafka-up.sh's exit code for "port used by another program"

const say = (text) => process.stderr.write(`[test] ${text}\n`);

/** Runs a command; resolves with its exit code (signals map to 128+n) and captured stdout. */
function run(cmd, args, { env = process.env, captureStdout = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env,
      stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', (error) => {
      say(`cannot run ${cmd}: ${error.message}`);
      resolve({ code: 127, out });
    });
    child.on('close', (code, signal) => {
      resolve({ code: code ?? 128 + (signal === 'SIGINT' ? 2 : 15), out });
    });
  });
}

/** Two ports the OS says are free on loopback right now. */
async function freePorts(count) {
  const servers = [];
  const ports = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers.push(server);
    ports.push(server.address().port);
  }
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function needsKafka(args) {
  const projects = [];
  args.forEach((arg, i) => {
    if (arg === '--project' && args[i + 1]) projects.push(args[i + 1]);
    else if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
  });
  return projects.length === 0 || projects.some((p) => p !== 'unit');
}

/** Adds a JSON report next to the usual console output unless the caller picked reporters. */
function withReport(args) {
  if (args.some((a) => a.startsWith('--reporter') || a.startsWith('--outputFile'))) {
    return { args, reportFile: null };
  }
  const reportFile = join(mkdtempSync(join(tmpdir(), 'feedgate-test-')), 'vitest.json');
  return {
    args: [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    reportFile,
  };
}

/** One plain `tests: N passed, N failed` line, which CI tooling reads as the run's tally. */
function printTally(reportFile) {
  if (!reportFile || !existsSync(reportFile)) return;
  try {
    const r = JSON.parse(readFileSync(reportFile, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    process.stdout.write(
      `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` +
        (skipped > 0 ? `, ${skipped} skipped` : '') +
        '\n',
    );
  } catch {
    // A missing or partial report only costs the tally line; Vitest printed its own summary.
  } finally {
    rmSync(dirname(reportFile), { recursive: true, force: true });
  }
}

/** Lease files (named by pid) of the test runs using the broker of one data dir. */
class Leases {
  constructor(env) {
    const dataDir = resolve(root, env.KAFKA_DATA_DIR ?? join('infra', 'kafka', '.data'));
    this.dir = join(dataDir, 'test-leases');
    this.autoStartedFile = join(dataDir, 'auto-started');
    this.mine = join(this.dir, String(process.pid));
  }

  /** Taken before kafka-up, so a run finishing meanwhile sees us and leaves the broker up. */
  take() {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.mine, `${new Date().toISOString()}\n`);
  }

  /** Drops ours (and those of dead runs); true when the broker should now be stopped. */
  release() {
    rmSync(this.mine, { force: true });
    let others = 0;
    for (const name of existsSync(this.dir) ? readdirSync(this.dir) : []) {
      if (isAlive(Number(name))) others++;
      else rmSync(join(this.dir, name), { force: true });
    }
    return others === 0 && existsSync(this.autoStartedFile);
  }
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function startKafka(env) {
  let result = await run('bash', [join(kafkaDir, 'kafka-up.sh')], { env, captureStdout: true });
  if (result.code === PORT_TAKEN_EXIT && !process.env.KAFKA_PORT) {
    const [port, controllerPort] = await freePorts(2);
    say(
      `port 9092/9093 is taken by another program; starting the broker on ${port}/${controllerPort}`,
    );
    env.KAFKA_PORT = String(port);
    env.KAFKA_CONTROLLER_PORT = String(controllerPort);
    result = await run('bash', [join(kafkaDir, 'kafka-up.sh')], { env, captureStdout: true });
  }
  const brokers = /^KAFKA_BROKERS=(.+)$/m.exec(result.out)?.[1];
  if (result.code !== 0 || !brokers) {
    throw new Error(`could not start the local Kafka broker (kafka-up.sh exit ${result.code})`);
  }
  return { brokers, started: /^KAFKA_STARTED=true$/m.test(result.out) };
}

async function main() {
  const userArgs = process.argv.slice(2);
  const env = { ...process.env, KAFKA_UP_BY_TEST: '1' };
  let leases = null;
  let interrupted = false;

  // Ctrl-C reaches Vitest too (same process group); we only make sure cleanup still runs.
  const onSignal = (signal) => {
    interrupted = true;
    say(`${signal}: waiting for Vitest to stop, then cleaning up`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (!env.KAFKA_BROKERS && needsKafka(userArgs)) {
    leases = new Leases(env);
    leases.take();
    try {
      const kafka = await startKafka(env);
      env.KAFKA_BROKERS = kafka.brokers;
      if (!kafka.started) say(`using the broker already running at ${kafka.brokers}`);
    } catch (error) {
      say(error.message);
      leases.release();
      return 1;
    }
  } else if (env.KAFKA_BROKERS) {
    say(`using KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
  }

  let code = 1;
  try {
    if (!interrupted) {
      // The browser tests serve apps/dashboard/dist: (re)build it when missing or stale.
      if (ensureDashboardBuilt() !== 0) say('dashboard build failed: the browser tests will fail');
      const { args, reportFile } = withReport(userArgs);
      say(
        `vitest run ${userArgs.join(' ')}`.trim() +
          (env.KAFKA_BROKERS ? ` (KAFKA_BROKERS=${env.KAFKA_BROKERS})` : ''),
      );
      ({ code } = await run(process.execPath, [vitestBin, 'run', ...args], { env }));
      printTally(reportFile);
    }
  } finally {
    if (leases?.release()) {
      const down = await run('bash', [join(kafkaDir, 'kafka-down.sh')], { env });
      if (down.code !== 0) {
        say(`kafka-down.sh failed (exit ${down.code})`);
        if (code === 0) code = down.code;
      }
    } else if (leases) {
      say('leaving the broker running (started by hand, or still used by another test run)');
    }
  }
  return interrupted && code === 0 ? 130 : code;
}

process.exitCode = await main();
