import { readFileSync } from 'node:fs';

/** Linux USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SEC = 100;

export interface ProcSample {
  /** User + system CPU seconds since the process started. */
  readonly cpuSec: number;
  /** Current resident set, MB. */
  readonly rssMb: number;
  /** Peak resident set (VmHWM), MB. */
  readonly peakRssMb: number;
}

/**
 * Reads one process's CPU time and memory from /proc (Linux). Returns undefined when the
 * process is gone or /proc is unreadable, never throws: a sample missed is not a failed run.
 */
export function readProc(pid: number, procRoot = '/proc'): ProcSample | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    const status = readFileSync(`${procRoot}/${pid}/status`, 'utf8');
    return parseProc(stat, status);
  } catch {
    return undefined;
  }
}

/** Pure parser (tested on fixtures). */
export function parseProc(stat: string, status: string): ProcSample | undefined {
  // The command name (field 2) is in parentheses and may contain spaces: split after the LAST ')'.
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state); utime = field 14, stime = field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return {
    cpuSec: (utime + stime) / CLOCK_TICKS_PER_SEC,
    rssMb: kbField(status, 'VmRSS') / 1024,
    peakRssMb: kbField(status, 'VmHWM') / 1024,
  };
}

function kbField(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}
