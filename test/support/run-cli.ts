/** Runs the bundled `sitrep` CLI as a user would: a child process, its exit code, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import { TEST_CLI } from './paths.js';

export interface CliRun { code: number; stdout: string; stderr: string }

export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string }): CliRun {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, CI: 'true', SITREP_DEBUG: '', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** True when the output looks like a JavaScript stack trace. */
export function hasStackTrace(s: string): boolean {
  return /\n\s+at .+\(.*:\d+:\d+\)/.test(s) || /^\s+at (?:async )?[\w.<>]+ \(/m.test(s);
}
