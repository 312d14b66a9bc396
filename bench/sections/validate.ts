/**
 * `sitrep validate` of the whole repo against reading and parsing the same files with `yaml`.
 * Target (issue 2): at 10,000 incidents, ≤ 1.5× the baseline and peak RSS < 1 GiB.
 * The 1,000-incident figures show how it grows.
 */
import type { BenchContext, BenchSection, Timing } from '../harness/types.js';
import { cpuRatio } from '../harness/time-cold.js';
import { incidentGrowthRow, peakRssRow } from '../harness/rows.js';

export const VALIDATE_MAX_RATIO = 1.5;

interface ValidateJson { summary: { files: number; incidents: number; errors: number; warnings: number } }

function summaryOf(t: Timing): ValidateJson['summary'] | undefined {
  try {
    return (JSON.parse(t.stdout) as ValidateJson).summary;
  } catch {
    return undefined;
  }
}

const section: BenchSection = {
  name: 'validate',
  order: 10,
  summary: 'full validate vs read+parse with yaml; peak RSS',
  async run(ctx: BenchContext) {
    const t: Partial<Record<'small' | 'large', Timing>> = {};
    for (const key of ['small', 'large'] as const) {
      const repo = ctx.repos[key];
      // Exit 1 means findings: it ran. The generator promises none, so say it loudly if there are.
      const run = await ctx.sitrep(['validate', '--root', repo.dir, '--format', 'json'], { okCodes: [0, 1] });
      t[key] = run;
      const s = summaryOf(run);
      if (!s) ctx.log(`  warning: validate printed no JSON summary for ${repo.dir}`);
      else if (s.errors || s.warnings) ctx.log(`  warning: the generated repo has ${s.errors} errors and ${s.warnings} warnings: the generator is behind the rules (npx vitest run test/bench)`);
      const base = ctx.baselines.readParseYaml[key];
      const ratio = run.seconds / base.seconds;
      const targeted = key === 'large';
      ctx.row({
        section: 'validate', name: 'validate --format json', size: repo.incidents, seconds: run.seconds, cpuSeconds: run.cpuSeconds, rssMB: run.rssMB,
        ratio, cpuRatio: cpuRatio(run, base), vs: 'read+parse', target: targeted ? `≤ ${VALIDATE_MAX_RATIO}×` : undefined, pass: targeted ? ratio <= VALIDATE_MAX_RATIO : undefined,
      });
    }
    peakRssRow(ctx, 'validate', 'validate peak RSS', t.large!);
    incidentGrowthRow(ctx, 'validate', t.large!, t.small!);
  },
};

export default section;
