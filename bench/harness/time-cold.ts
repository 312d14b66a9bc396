/**
 * Cold timings: every run is a fresh process, so module loading, JIT warm-up and the first
 * read of each file are in the figure, as they are for a person or a CI job. The file cache is
 * warm after the first run, for the baseline and the command alike; the best of the runs is kept.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f '%U %S %M'`, Debian package `time`): the kernel's
 * own high-water mark for the child, with its user + system CPU seconds. CPU seconds barely move
 * when other processes share the machine, where wall-clock seconds stretch. Without it, /proc/<pid>/status VmHWM is polled, which can miss
 * the last moments of a process, so that figure is a lower bound and says so.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimeColdOptions, Timing } from './types.js';

export const GNU_TIME = '/usr/bin/time';

export class CannotRun extends Error {
  override readonly name = 'CannotRun';
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

interface OneRun { seconds: number; cpuSeconds?: number; rssMB?: number; code: number; stdout: string; stderr: string }

async function runOnce(cmd: string, args: readonly string[], opts: TimeColdOptions, useTime: boolean): Promise<OneRun> {
  const tmp = useTime ? mkdtempSync(join(tmpdir(), 'sitrep-bench-time-')) : undefined;
  const rssFile = tmp ? join(tmp, 'rss') : undefined;
  const [file, argv] = rssFile ? [GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, cmd, ...args]] : [cmd, [...args]];
  const capture = opts.captureStdout ?? true;
  const started = performance.now();
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  let polled = 0;
  const poll = !rssFile && child.pid
    ? setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) polled = Math.max(polled, Number(m[1]));
      } catch { /* gone */ }
    }, 10)
    : undefined;
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', (e) => reject(new CannotRun(`cannot start ${file}: ${e.message}`)));
    child.once('close', (c, signal) => resolve(c ?? (signal ? 128 : -1)));
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  let rssKB: number | undefined = polled || undefined;
  let cpuSeconds: number | undefined;
  if (rssFile) {
    // GNU time writes "Command exited with non-zero status N" before the figures when the child fails.
    const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : [];
    const [user, sys, kb] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
    rssKB = Number.isFinite(kb) && kb > 0 ? kb : undefined;
    cpuSeconds = Number.isFinite(user) && Number.isFinite(sys) ? user + sys : undefined;
    rmSync(tmp!, { recursive: true, force: true });
  }
  return {
    seconds, code, cpuSeconds,
    rssMB: rssKB === undefined ? undefined : rssKB / 1024,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

export async function timeCold(cmd: string, args: readonly string[], opts: TimeColdOptions & { runs: number }): Promise<Timing> {
  const useTime = hasGnuTime();
  const okCodes = opts.okCodes ?? [0];
  const all: number[] = [];
  let best: OneRun | undefined;
  let rss: number | undefined;
  let last: OneRun | undefined;
  for (let i = 0; i < Math.max(1, opts.runs); i++) {
    const r = await runOnce(cmd, args, opts, useTime);
    if (!okCodes.includes(r.code)) {
      throw new CannotRun(`${[cmd, ...args].join(' ')} exited with ${r.code}\n${r.stderr.trim().split('\n').slice(-15).join('\n')}`);
    }
    all.push(r.seconds);
    if (!best || r.seconds < best.seconds) best = r;
    if (r.rssMB !== undefined) rss = Math.max(rss ?? 0, r.rssMB);
    last = r;
  }
  return {
    seconds: best!.seconds, cpuSeconds: best!.cpuSeconds, all, rssMB: rss, rssSource: rss === undefined ? undefined : useTime ? 'gnu-time' : 'proc-poll',
    code: last!.code, stdout: last!.stdout, stderr: last!.stderr,
  };
}

/** a's CPU seconds over b's, when GNU time measured both. */
export function cpuRatio(a: Timing, b: Timing): number | undefined {
  return a.cpuSeconds !== undefined && b.cpuSeconds ? a.cpuSeconds / b.cpuSeconds : undefined;
}
