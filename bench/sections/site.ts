/**
 * `sitrep site` (the reports site for GitHub Pages) on the generated repos, against a full
 * `sitrep validate` of the same repo measured in the same run, as fresh processes.
 * Targets (issue: rendering), at the large size:
 *   - site ≤ 1.5 × validate;
 *   - linear growth: site(large) ≤ 12 × site(small) for 10× the incidents;
 *   - peak RSS < 1 GiB.
 * The site is built with the default light history (one `git log`, commit links on every timeline)
 * and the default threads (one per core on a large repo). Two rows without a target say more at
 * the large size: the same build in one thread (`--jobs 1`), and the site against the section-wide
 * baseline, reading and parsing every file with `yaml`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchSection, Timing } from '../harness/types.js';
import { cpuRatio } from '../harness/time-cold.js';
import { incidentGrowthRow, peakRssRow } from '../harness/rows.js';

export const SITE_MAX_RATIO = 1.5;
export const SITE_MAX_GROWTH = 12;
const NOW = '2026-11-01T00:00:00Z';

const section: BenchSection = {
  name: 'site',
  order: 60,
  summary: 'the static reports site vs a full validate of the same repo; growth; peak RSS',
  async run(ctx: BenchContext) {
    const t: Partial<Record<'small' | 'large', Timing>> = {};
    for (const key of ['small', 'large'] as const) {
      const repo = ctx.repos[key];
      const validate = await ctx.sitrep(['validate', '--root', repo.dir, '--format', 'json'], { okCodes: [0, 1], captureStdout: false });
      ctx.row({ section: 'site', name: 'baseline: validate', size: repo.incidents, seconds: validate.seconds, cpuSeconds: validate.cpuSeconds, rssMB: validate.rssMB });
      // The writer replaces its own previous output whole, so every run builds every page.
      const out = join(ctx.scratch('site'), `${key}`);
      rmSync(out, { recursive: true, force: true });
      const site = await ctx.sitrep(['site', '--root', repo.dir, '--out', out, '--now', NOW], { captureStdout: true, env: { ...process.env, CI: 'true' } });
      t[key] = site;
      const files = /site: (\d+) files \(([\d.]+) MB\)/.exec(site.stdout);
      const ratio = site.seconds / validate.seconds;
      const targeted = key === 'large';
      ctx.row({
        section: 'site', name: 'site', size: repo.incidents, seconds: site.seconds, cpuSeconds: site.cpuSeconds, rssMB: site.rssMB,
        ratio, cpuRatio: cpuRatio(site, validate), vs: 'validate',
        target: targeted ? `≤ ${SITE_MAX_RATIO}×` : undefined, pass: targeted ? ratio <= SITE_MAX_RATIO : undefined,
        note: files ? `${Number(files[1]).toLocaleString('en-US')} files, ${files[2]} MB` : undefined,
      });
      if (!targeted) continue;
      const base = ctx.baselines.readParseYaml[key];
      ctx.row({ section: 'site', name: 'site vs read+parse (yaml)', size: repo.incidents, ratio: site.seconds / base.seconds, cpuRatio: cpuRatio(site, base), vs: 'read+parse' });
      rmSync(out, { recursive: true, force: true });
      const one = await ctx.sitrep(['site', '--root', repo.dir, '--out', out, '--now', NOW, '--jobs', '1'], { captureStdout: false, env: { ...process.env, CI: 'true' } });
      ctx.row({
        section: 'site', name: 'site --jobs 1 (one thread)', size: repo.incidents, seconds: one.seconds, cpuSeconds: one.cpuSeconds, rssMB: one.rssMB,
        ratio: one.seconds / validate.seconds, cpuRatio: cpuRatio(one, validate), vs: 'validate',
      });
    }
    peakRssRow(ctx, 'site', 'site peak RSS', t.large!);
    incidentGrowthRow(ctx, 'site', t.large!, t.small!, SITE_MAX_GROWTH);
  },
};

export default section;
