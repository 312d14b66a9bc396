/**
 * The bench's synthetic repo is only worth timing if it is what a real repo looks like to sitrep:
 * valid (0 errors from the built CLI), every status present, deterministic, and with a history
 * whose every version is itself a valid incident repo that moved forward one step at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { load, CORE_SCHEMA } from 'js-yaml';
import { generateHistory, generateRepo, gitEnv } from '../../bench/generate.js';
import { rank } from '../../src/core/lifecycle.js';
import type { Status } from '../../src/core/schema/incident.js';
import { runCli } from '../support/run-cli.js';

const SMALL = { incidents: 60, datasets: 20, teams: 8 };

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(relative(dir, abs));
    }
  };
  walk(dir);
  return out.sort();
}

function validate(dir: string) {
  const r = runCli(['validate', '--root', dir, '--format', 'json'], { cwd: dir });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as { diagnostics: { file: string; code: string; message: string }[]; summary: { errors: number; warnings: number; incidents: number } };
  // Show what failed, not only how many.
  expect(out.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual([]);
  expect(r.code).toBe(0);
  return out.summary;
}

const git = (dir: string, args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

describe('bench/generate', () => {
  let tmp: string;
  beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'sitrep-bench-gen-')); });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes a repo the built CLI validates with zero errors and zero warnings, in every status', () => {
    const dir = join(tmp, 'repo');
    const summary = generateRepo(dir, SMALL);
    expect(summary.incidents).toBe(60);
    expect(Object.keys(summary.byStatus).sort()).toEqual(['closed', 'contained', 'declined', 'detected', 'remediated', 'triaged', 'verified']);
    expect(summary.byStatus.closed).toBeGreaterThan(summary.incidents / 2);
    const result = validate(dir);
    expect(result).toMatchObject({ errors: 0, warnings: 0, incidents: 60 });
    const paths = files(dir);
    expect(paths.filter((p) => p.startsWith('ownership/domains/'))).toHaveLength(2);
    expect(paths.filter((p) => p.startsWith('runbooks/'))).toHaveLength(5);
    const years = new Set(paths.filter((p) => p.startsWith('incidents/')).map((p) => p.split('/')[1]));
    expect([...years]).toEqual(['2022', '2023', '2024', '2025', '2026']);
  });

  it('writes YAML that the yaml package (the baseline) and js-yaml (the loader) read the same way', () => {
    const dir = join(tmp, 'repo');
    for (const path of files(dir)) {
      const text = readFileSync(join(dir, path), 'utf8');
      expect(parse(text), path).toEqual(load(text, { schema: CORE_SCHEMA }));
    }
  });

  it('is deterministic: the same options give the same bytes', () => {
    const a = join(tmp, 'det-a');
    const b = join(tmp, 'det-b');
    generateRepo(a, { incidents: 25, datasets: 20, teams: 6 });
    generateRepo(b, { incidents: 25, datasets: 20, teams: 6 });
    expect(files(a)).toEqual(files(b));
    for (const p of files(a)) expect(readFileSync(join(a, p)).equals(readFileSync(join(b, p))), p).toBe(true);
    const c = join(tmp, 'det-c');
    generateRepo(c, { incidents: 25, datasets: 20, teams: 6, seed: 'other' });
    expect(readFileSync(join(c, 'ownership/teams.yaml'), 'utf8')).not.toBe(readFileSync(join(a, 'ownership/teams.yaml'), 'utf8'));
  });

  it('makes a history of at least two commits per incident that ends in the files, dated in order', async () => {
    const dir = join(tmp, 'history-min');
    generateRepo(dir, SMALL);
    const h = await generateHistory(dir);
    expect(h.commits).toBe(1 + 2 * 60);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(Number(git(dir, ['rev-list', '--count', 'HEAD']).trim())).toBe(h.commits);
    const dates = git(dir, ['log', '--reverse', '--format=%ct']).trim().split('\n').map(Number);
    expect(dates).toEqual([...dates].sort((x, y) => x - y));
    const touched = new Map<string, number>();
    for (const line of git(dir, ['log', '--format=', '--name-only', '--', 'incidents']).split('\n').filter(Boolean)) touched.set(line, (touched.get(line) ?? 0) + 1);
    expect(touched.size).toBe(60);
    expect(Math.min(...touched.values())).toBeGreaterThanOrEqual(2);
    expect(new Set(git(dir, ['log', '--format=%an']).trim().split('\n')).size).toBeGreaterThan(10);
  });

  it('with a large budget, every version moves one status at a time, only appends to the ledger, and is dated no later than its commit', async () => {
    const dir = join(tmp, 'history-full');
    generateRepo(dir, SMALL);
    const h = await generateHistory(dir, { commits: 1_000_000 });
    expect(h.commits).toBe(h.maxCommits);
    expect(h.commits).toBeGreaterThan(5 * 60);
    expect(git(dir, ['status', '--porcelain'])).toBe('');

    const log = git(dir, ['log', '--reverse', '-p', '--unified=0', '--format=@%ct', '--', 'incidents']);
    const statuses = new Map<string, Status[]>();
    const closedFiles = new Set<string>();
    const closing: string[] = [];
    let commitTime = 0;
    let file = '';
    const problems: string[] = [];
    for (const line of log.split('\n')) {
      if (/^@\d+$/.test(line)) {
        // Files closed by the previous commit are frozen from this one on, except their review.
        for (const f of closing.splice(0)) closedFiles.add(f);
        commitTime = Number(line.slice(1)) * 1000;
        continue;
      }
      if (line.startsWith('+++ b/')) { file = line.slice(6); continue; }
      if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index ') || line.startsWith('@@') || line.startsWith('new file')) continue;
      if (!/^[+-]/.test(line)) continue;
      const status = /^\+status: (\w+)$/.exec(line)?.[1] as Status | undefined;
      if (status) statuses.set(file, [...(statuses.get(file) ?? []), status]);
      if (line.startsWith('+')) {
        for (const t of line.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g) ?? []) if (Date.parse(t) > commitTime) problems.push(`${file}: ${t} after its commit`);
      }
      if (/^-  - \{ at: /.test(line)) problems.push(`${file}: removed a ledger or update entry: ${line}`);
      if (closedFiles.has(file) && !/^[+-](review:|  (due|held_at|facilitator|doc|learnings|action_items):|    - )/.test(line)) problems.push(`${file}: changed after close: ${line}`);
      if (status === 'closed' || status === 'declined') closing.push(file);
    }
    expect(problems).toEqual([]);
    expect(statuses.size).toBe(60);
    for (const [f, seq] of statuses) {
      expect(seq[0], f).toBe('detected');
      for (let k = 1; k < seq.length; k++) {
        const step = seq[k] === 'declined' ? seq[k - 1] === 'detected' : rank(seq[k]) === rank(seq[k - 1]) + 1;
        expect(step, `${f}: ${seq.join(' → ')}`).toBe(true);
      }
    }
  });

  it('every version in the history validates, not only the last', async () => {
    const dir = join(tmp, 'history-full');
    const shas = git(dir, ['rev-list', '--reverse', 'HEAD']).trim().split('\n');
    for (const at of [0.2, 0.5, 0.8]) {
      const sha = shas[Math.floor(shas.length * at)];
      const wt = join(tmp, `wt-${at}`);
      git(dir, ['worktree', 'add', '-q', '--detach', wt, sha]);
      expect(statSync(join(wt, 'incidents')).isDirectory()).toBe(true);
      expect(validate(wt).errors).toBe(0);
    }
  });
});
