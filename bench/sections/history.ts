/**
 * The history commands on the generated repos' git histories (2 commits per incident by default:
 * 20,001 commits over 10,000 incidents in year folders; 2,001 over 1,000 for the second size).
 *
 * Floors, measured in the same run as fresh processes:
 *   - git log:    a bare `git log --name-status -- incidents ownership runbooks` (what any history
 *                 reader must pay to list the changes);
 *   - read+parse: reading and parsing the head version of every managed file with js-yaml, the
 *                 parser sitrep's loader uses (bench/baselines/read-parse-head.ts; stricter than
 *                 the shared `yaml` baseline).
 * Targets:
 *   - `sitrep metrics` over the whole history ≤ 1.5 × (git log + read+parse), at the large size;
 *   - `sitrep timeline <id>` for one incident ≤ 0.25 × `sitrep metrics` (a small fraction);
 *   - linear growth: time(large) / time(small) ≤ 1.25 × commits(large) / commits(small), judged on CPU
 *     seconds when GNU time is there (two runs minutes apart see different loads on a shared machine).
 */
import type { BenchContext, BenchRepo, BenchSection, Timing } from '../harness/types.js';
import { cpuRatio } from '../harness/time-cold.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const METRICS_MAX_RATIO = 1.5;
export const TIMELINE_MAX_FRACTION = 0.25;
export const GROWTH_SLACK = 1.25;
const NOW = '2026-11-01T00:00:00Z';

/** An incident in the middle of the repo (a stable choice: the median file of the middle year). */
function pickIncident(repo: BenchRepo): string {
  const years = readdirSync(join(repo.dir, 'incidents')).sort();
  const year = years[Math.floor(years.length / 2)];
  const files = readdirSync(join(repo.dir, 'incidents', year)).sort();
  return files[Math.floor(files.length / 2)].replace(/\.yaml$/, '');
}

const sum = (a: Timing, b: Timing): Timing => ({
  ...a, seconds: a.seconds + b.seconds, all: [], cpuSeconds: a.cpuSeconds !== undefined && b.cpuSeconds !== undefined ? a.cpuSeconds + b.cpuSeconds : undefined,
});

const section: BenchSection = {
  name: 'history',
  order: 40,
  summary: 'metrics over the whole git history and timeline of one incident, vs git log + read+parse',
  async run(ctx: BenchContext) {
    const readParse = await ctx.script('read-parse-head');
    const t: Partial<Record<'small' | 'large', { metrics: Timing; timeline: Timing; floor: Timing }>> = {};
    for (const key of ['small', 'large'] as const) {
      const repo = ctx.repos[key];
      const commits = `${repo.commits.toLocaleString('en-US')} commits`;
      const gitLog = await ctx.timeCold('git', ['log', '--name-status', '--', 'incidents', 'ownership', 'runbooks'], { cwd: repo.dir, captureStdout: false });
      ctx.row({ section: 'history', name: 'floor: git log --name-status', size: repo.incidents, seconds: gitLog.seconds, cpuSeconds: gitLog.cpuSeconds, rssMB: gitLog.rssMB, note: commits });
      const parse = await ctx.timeCold(ctx.node, [readParse, repo.dir]);
      ctx.row({ section: 'history', name: 'floor: read+parse head (js-yaml)', size: repo.incidents, seconds: parse.seconds, cpuSeconds: parse.cpuSeconds, rssMB: parse.rssMB });
      const floor = sum(gitLog, parse);

      const metrics = await ctx.sitrep(['metrics', '--root', repo.dir, '--format', 'json', '--now', NOW], { captureStdout: true });
      let note = commits;
      try {
        const m = JSON.parse(metrics.stdout) as { counts: { incidents: number; drills: number }; history: { commits: number }; reopen: { rate: number | null } };
        note = `${m.history.commits.toLocaleString('en-US')} commits read; ${m.counts.incidents.toLocaleString('en-US')} incidents + ${m.counts.drills} drills`;
        if (m.history.commits !== repo.commits - 1) ctx.log(`  warning: metrics read ${m.history.commits} commits, the repo has ${repo.commits - 1} touching incidents/`);
      } catch {
        ctx.log('  warning: sitrep metrics printed no JSON');
      }
      const ratio = metrics.seconds / floor.seconds;
      const targeted = key === 'large';
      ctx.row({
        section: 'history', name: 'metrics --format json', size: repo.incidents, seconds: metrics.seconds, cpuSeconds: metrics.cpuSeconds, rssMB: metrics.rssMB,
        ratio, cpuRatio: cpuRatio(metrics, floor), vs: 'git log + read+parse',
        target: targeted ? `≤ ${METRICS_MAX_RATIO}×` : undefined, pass: targeted ? ratio <= METRICS_MAX_RATIO : undefined, note,
      });

      const id = pickIncident(repo);
      const timeline = await ctx.sitrep(['timeline', id, '--root', repo.dir, '--format', 'json'], { captureStdout: true });
      let events = '';
      try {
        const tl = JSON.parse(timeline.stdout) as { events: { source: string }[]; history: { commits: number } };
        events = `${id}: ${tl.events.length} events, ${tl.history.commits} commits`;
      } catch {
        ctx.log('  warning: sitrep timeline printed no JSON');
      }
      const fraction = timeline.seconds / metrics.seconds;
      ctx.row({
        section: 'history', name: 'timeline <id> --format json', size: repo.incidents, seconds: timeline.seconds, cpuSeconds: timeline.cpuSeconds, rssMB: timeline.rssMB,
        ratio: fraction, cpuRatio: cpuRatio(timeline, metrics), vs: 'metrics',
        target: targeted ? `≤ ${TIMELINE_MAX_FRACTION}×` : undefined, pass: targeted ? fraction <= TIMELINE_MAX_FRACTION : undefined, note: events,
      });
      t[key] = { metrics, timeline, floor };
    }
    const { small, large } = ctx.repos;
    const scale = large.commits / small.commits;
    for (const what of ['metrics', 'floor'] as const) {
      const grow = t.large![what].seconds / t.small![what].seconds;
      const cpuGrow = cpuRatio(t.large![what], t.small![what]);
      // Growth compares two runs minutes apart: on a shared machine their wall clocks see different loads, so
      // linearity is judged on CPU seconds (user + system, children included) when GNU time gives them.
      const judged = cpuGrow ?? grow;
      const targeted = what === 'metrics';
      ctx.row({
        section: 'history', name: `growth ${what === 'floor' ? 'of the floors' : 'of metrics'} ${small.commits.toLocaleString('en-US')} → ${large.commits.toLocaleString('en-US')} commits`,
        ratio: grow, cpuRatio: cpuGrow, vs: `time for ${scale.toFixed(1)}× the commits`,
        target: targeted ? `≤ ${(GROWTH_SLACK * scale).toFixed(1)}×` : undefined, pass: targeted ? judged <= GROWTH_SLACK * scale : undefined,
        note: targeted ? `judged on ${cpuGrow === undefined ? 'wall' : 'CPU'} seconds` : undefined,
      });
    }
  },
};

export default section;
