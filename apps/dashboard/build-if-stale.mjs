#!/usr/bin/env node
// Builds the dashboard (vite build apps/dashboard → apps/dashboard/dist) when dist is missing or
// older than any of its sources, so `npm test` and the browser tests always serve the current UI
// without paying for a build on every run. Usable as a CLI or imported (ensureDashboardBuilt).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when apps/dashboard/dist/index.html is missing or older than a source file. */
export function dashboardIsStale() {
  const built = join(here, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(here, s))));
  return statSync(built).mtimeMs < sources;
}

/** Runs the build if stale; returns the exit code (0 when nothing needed doing). */
export function ensureDashboardBuilt({ quiet = false } = {}) {
  if (!dashboardIsStale()) return 0;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', 'apps/dashboard', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: quiet ? 'pipe' : 'inherit',
    },
  );
  if (result.status !== 0 && quiet) {
    process.stderr.write(String(result.stderr ?? ''));
  }
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = ensureDashboardBuilt();
}
