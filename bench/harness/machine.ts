/** The machine a figure was measured on: a ratio travels between machines, a second does not. */
import { cpus, loadavg, release, totalmem, platform } from 'node:os';
import { spawnSync } from 'node:child_process';
import { hasGnuTime } from './time-cold.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  git: string;
  gnuTime: boolean;
  loadavg: number[];
}

export function machine(): Machine {
  const c = cpus();
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' });
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${platform()} ${release()}`,
    git: git.status === 0 ? git.stdout.trim().replace(/^git version /, '') : 'not found',
    gnuTime: hasGnuTime(),
    loadavg: loadavg(),
  };
}

export function describeMachine(m: Machine): string {
  return [
    `cpu      ${m.cpu} × ${m.cores} cores`,
    `memory   ${m.memoryGiB.toFixed(1)} GiB`,
    `node     ${m.node}   git ${m.git}   ${m.os}`,
    `rss      ${m.gnuTime ? "GNU time (/usr/bin/time -f '%U %S %M')" : 'polling /proc VmHWM (a lower bound: install the Debian package `time`)'}`,
    `load     ${m.loadavg.map((x) => x.toFixed(2)).join(' ')} (1, 5, 15 min) at start`,
  ].join('\n');
}
