/** Rows that several sections report the same way: peak RSS against the memory target, and growth from the small repo to the large one. */
import type { BenchContext, Timing } from './types.js';
import { cpuRatio } from './time-cold.js';

/** The memory target of every command measured at the large size (issues 2 and 5). */
export const MAX_RSS_MB = 1024;

/** The peak RSS of a run at the large size, against MAX_RSS_MB. */
export function peakRssRow(ctx: BenchContext, section: string, name: string, large: Timing): void {
  ctx.row({
    section, name, size: ctx.repos.large.incidents, rssMB: large.rssMB,
    target: `< ${MAX_RSS_MB} MB`, pass: large.rssMB === undefined ? undefined : large.rssMB < MAX_RSS_MB,
    note: large.rssSource === 'proc-poll' ? 'lower bound, no GNU time' : undefined,
  });
}

/** Time at the large size ÷ time at the small one, for 10× the incidents; judged against `maxGrowth` when given. */
export function incidentGrowthRow(ctx: BenchContext, section: string, large: Timing, small: Timing, maxGrowth?: number): void {
  const { small: s, large: l } = ctx.repos;
  const grow = large.seconds / small.seconds;
  ctx.row({
    section, name: `growth ${s.incidents.toLocaleString('en-US')} → ${l.incidents.toLocaleString('en-US')} incidents`,
    ratio: grow, cpuRatio: cpuRatio(large, small), vs: `time for ${l.incidents / s.incidents}× the incidents`,
    ...(maxGrowth === undefined ? {} : { target: `≤ ${maxGrowth}×`, pass: grow <= maxGrowth }),
  });
}
