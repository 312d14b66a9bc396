/**
 * `sitrep check` of a PR that changes 3 incidents, against a full `sitrep validate` of the same
 * repo, in the same run. Target (issue 3): at 10,000 incidents, check ≤ 1/10 of validate.
 *
 * The PR is one commit on top of the generated history's HEAD that appends a ledger entry to
 * three open incidents. It is made with git plumbing and a temporary index (hash-object,
 * update-index, write-tree, commit-tree), so the cached repo's working tree and branches are
 * untouched. The same check on the 1,000-incident repo shows that its cost does not grow with
 * the closed history.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchRepo, BenchSection, Timing } from '../harness/types.js';
import { cpuRatio } from '../harness/time-cold.js';
import { incidentGrowthRow } from '../harness/rows.js';
import { openIncidentCandidates } from '../../src/git/open-incidents.js';

export const CHECK_MAX_RATIO = 0.1;
const CHANGED_INCIDENTS = 3;

function git(dir: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', input: opts.input, env: { ...process.env, ...opts.env }, maxBuffer: 256 * 1024 * 1024 }).trim();
}

/** Appends one flow-style entry at the end of the ledger block (the generator writes one entry a line). */
function appendLedgerEntry(text: string, at: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === 'ledger:');
  if (start < 0) throw new Error('no ledger');
  let end = start + 1;
  while (end < lines.length && /^\s+- /.test(lines[end])) end++;
  const owner = /^roles: \{ owner: ([\w-]+)/m.exec(text)?.[1];
  if (!owner) throw new Error('no owner');
  lines.splice(end, 0, `  - { at: ${at}, by: ${owner}, kind: note, text: "bench: checked the partition again." }`);
  return lines.join('\n');
}

/** A commit on top of HEAD that appends to three open incidents; returns its sha (cached per repo HEAD). */
function makePullRequest(ctx: BenchContext, repo: BenchRepo, candidates: string[]): { sha: string; paths: string[] } {
  const head = git(repo.dir, ['rev-parse', 'HEAD']);
  const headTime = Date.parse(git(repo.dir, ['show', '-s', '--format=%cI', head]));
  const prTime = new Date(headTime + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const entryAt = new Date(headTime + 3540_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const paths: string[] = [];
  const index = join(ctx.scratch('check'), `index-${repo.key}`);
  rmSync(index, { force: true });
  const env = { GIT_INDEX_FILE: index };
  git(repo.dir, ['read-tree', head], { env });
  for (const path of candidates) {
    if (paths.length === CHANGED_INCIDENTS) break;
    const text = git(repo.dir, ['cat-file', 'blob', `${head}:${path}`]);
    if (!/^status: (detected|triaged|contained|remediated|verified)\s*$/m.test(text) || !/^ledger:$/m.test(text)) continue;
    const blob = git(repo.dir, ['hash-object', '-w', '--stdin'], { input: `${appendLedgerEntry(text, entryAt)}\n` });
    git(repo.dir, ['update-index', '--cacheinfo', `100644,${blob},${path}`], { env });
    paths.push(path);
  }
  if (paths.length < CHANGED_INCIDENTS) throw new Error(`the generated repo has only ${paths.length} open incidents with a ledger`);
  const tree = git(repo.dir, ['write-tree'], { env });
  const who = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_AUTHOR_DATE: prTime, GIT_COMMITTER_DATE: prTime };
  const sha = git(repo.dir, ['commit-tree', tree, '-p', head, '-m', `bench: append to ${paths.length} incidents`], { env: who });
  rmSync(index, { force: true });
  return { sha, paths };
}

interface CheckJson { summary: { files: number; incidents: number; errors: number; warnings: number; files_read: number }; diagnostics: { code: string; severity: string }[] }

const section: BenchSection = {
  name: 'check',
  order: 20,
  summary: 'check of a PR changing 3 incidents vs a full validate of the same repo',
  async run(ctx: BenchContext) {
    const checks: Partial<Record<BenchRepo['key'], Timing>> = {};
    for (const key of ['small', 'large'] as const) {
      const repo = ctx.repos[key];
      const { sha, paths } = makePullRequest(ctx, repo, await openIncidentCandidates(repo.dir, git(repo.dir, ['rev-parse', 'HEAD'])));
      // Exit 1 means findings: it ran. A legal append should have none, so say so if it does.
      const check = await ctx.sitrep(['check', '--root', repo.dir, '--base', 'HEAD', '--head', sha, '--format', 'json'], { okCodes: [0, 1] });
      checks[key] = check;
      let out: CheckJson | undefined;
      try { out = JSON.parse(check.stdout) as CheckJson; } catch { /* reported below */ }
      if (!out) ctx.log('  warning: check printed no JSON');
      else if (out.summary.errors) ctx.log(`  warning: check found ${out.summary.errors} errors in the bench PR: ${[...new Set(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].join(', ')}`);
      const note = out ? `${out.summary.incidents} incidents changed, ${out.summary.files_read} files read (${paths.map((p) => p.split('/').pop()).join(', ')})` : undefined;
      if (key === 'small') {
        ctx.row({ section: 'check', name: 'check (PR: 3 incidents)', size: repo.incidents, seconds: check.seconds, cpuSeconds: check.cpuSeconds, rssMB: check.rssMB, note });
        continue;
      }
      const validate = await ctx.sitrep(['validate', '--root', repo.dir, '--format', 'json'], { okCodes: [0, 1], captureStdout: false });
      ctx.row({ section: 'check', name: 'validate (same repo, same run)', size: repo.incidents, seconds: validate.seconds, cpuSeconds: validate.cpuSeconds, rssMB: validate.rssMB });
      const ratio = check.seconds / validate.seconds;
      ctx.row({
        section: 'check', name: 'check (PR: 3 incidents)', size: repo.incidents, seconds: check.seconds, cpuSeconds: check.cpuSeconds, rssMB: check.rssMB,
        ratio, cpuRatio: cpuRatio(check, validate), vs: 'full validate', target: `≤ ${CHECK_MAX_RATIO}×`, pass: ratio <= CHECK_MAX_RATIO, note,
      });
    }
    incidentGrowthRow(ctx, 'check', checks.large!, checks.small!);
  },
};

export default section;
