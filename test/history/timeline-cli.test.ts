/**
 * `sitrep timeline` on a scripted history of the sample repo: one sample incident is recorded
 * stage by stage, each commit dated two minutes after the stage began, the rest in a final commit.
 * The timeline must give every declared event, every ledger entry and update, and every recording
 * commit, in order, each with its source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { REPO_ROOT } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { SAMPLE_PARTS } from '../support/sample-repo.js';
import { TimelineResultSchema, type TimelineResult } from '../../src/core/schema/timeline.js';
import { ALICE, BOB, yamlOf } from './incident-repo.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateTimeline = ajv.compile(TimelineResultSchema);

const ID = 'INC-2024-0001';
const PATH = `incidents/2024/${ID}.yaml`;
const STAGES = [
  ['detected', 'detected_at'], ['triaged', 'acknowledged_at'], ['contained', 'contained_at'],
  ['remediated', 'remediated_at'], ['verified', 'resolved_at'], ['closed', 'closed_at'],
] as const;
type Inc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const t = (s: unknown) => Date.parse(String(s));
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The longest prefix of a list whose entries are dated at or before `at`. */
function prefix(list: Inc[] | undefined, at: number, field = 'at'): Inc[] | undefined {
  if (!list) return undefined;
  const k = list.findIndex((e) => t(e[field]) > at);
  return k === -1 ? list : list.slice(0, k);
}

/** The incident as it was recorded at time `at`: only what had happened by then. */
function versionAt(head: Inc, at: number): Inc {
  const stages = STAGES.filter(([, f]) => head[f] && t(head[f]) <= at);
  const v: Inc = { ...head, status: stages[stages.length - 1][0] };
  for (const [, f] of STAGES) if (v[f] && t(v[f]) > at) delete v[f];
  for (const k of ['ledger', 'updates', 'escalations', 'signoff']) if (v[k]) v[k] = prefix(v[k], at);
  if (v.mitigations) {
    v.mitigations = v.mitigations.filter((m: Inc) => m.applied_at && t(m.applied_at) <= at)
      .map((m: Inc) => (m.rolled_back_at && t(m.rolled_back_at) > at ? { ...m, rolled_back_at: undefined } : m));
  }
  for (const k of ['root_cause', 'remediation', 'verification', 'review']) delete v[k];
  return v;
}

/** Every event of the file, enumerated here independently of src/core/timeline.ts. */
function declaredEvents(inc: Inc): [string, string, string][] {
  const out: [string, string, string][] = [];
  const add = (source: string, field: string, at: unknown) => { if (at) out.push([iso(t(at)), source, field]); };
  for (const f of ['started_at', ...STAGES.map(([, x]) => x)]) add('declared', f, inc[f]);
  (inc.mitigations ?? []).forEach((m: Inc, i: number) => { add('declared', `mitigations[${i}].applied_at`, m.applied_at); add('declared', `mitigations[${i}].rolled_back_at`, m.rolled_back_at); });
  (inc.escalations ?? []).forEach((e: Inc, i: number) => add('declared', `escalations[${i}]`, e.at));
  (inc.remediation ?? []).forEach((r: Inc, i: number) => add('declared', `remediation[${i}].done_at`, r.done_at));
  (inc.verification ?? []).forEach((v: Inc, i: number) => add('declared', `verification[${i}]`, v.at));
  (inc.signoff ?? []).forEach((s: Inc, i: number) => add('declared', `signoff[${i}]`, s.at));
  add('declared', 'review.held_at', inc.review?.held_at);
  (inc.review?.action_items ?? []).forEach((a: Inc, i: number) => add('declared', `review.action_items[${i}].done_at`, a.done_at));
  (inc.ledger ?? []).forEach((e: Inc, i: number) => add('ledger', `ledger[${i}]`, e.at));
  (inc.updates ?? []).forEach((u: Inc, i: number) => add('update', `updates[${i}]`, u.at));
  return out;
}

describe('sitrep timeline on a scripted history of the sample repo', () => {
  let repo: FixtureRepo;
  let head: Inc;
  const stageCommits = new Map<string, string>();
  const commits: { sha: string; at: string }[] = [];

  beforeAll(() => {
    repo = createFixtureRepo();
    for (const part of SAMPLE_PARTS) cpSync(join(REPO_ROOT, part), join(repo.dir, part), { recursive: true });
    const text = readFileSync(join(REPO_ROOT, PATH), 'utf8');
    head = parse(text);
    repo.remove(PATH);
    repo.commit('Sample repo without the scripted incident', { author: ALICE, date: '2024-01-01T00:00:00Z' });
    for (const [status, field] of STAGES) {
      if (!head[field]) continue;
      const at = t(head[field]) + 2 * 60_000;
      repo.write(PATH, yamlOf(versionAt(head, at)));
      const sha = repo.commit(`${ID}: ${status}`, { author: status === 'detected' ? ALICE : BOB, date: iso(at) });
      stageCommits.set(field, sha);
      commits.push({ sha, at: iso(at) });
    }
    // The head file as the sample has it, after its last dated entry.
    const last = Math.max(...declaredEvents(head).map(([at]) => t(at)));
    const finalAt = iso(last + 86_400_000);
    repo.write(PATH, text);
    commits.push({ sha: repo.commit(`${ID}: review and follow-ups (#42)`, { author: ALICE, date: finalAt }), at: finalAt });
  });
  afterAll(() => repo.cleanup());

  it('gives every declared event and every recording commit, in order, with their sources (json)', () => {
    const run = runCli(['timeline', ID, '--format', 'json'], { cwd: repo.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out: TimelineResult = JSON.parse(run.stdout);
    expect(validateTimeline(out), JSON.stringify(validateTimeline.errors)).toBe(true);
    expect(out.incident).toMatchObject({ id: ID, path: PATH, status: head.status });
    expect(out.history).toEqual({ available: true, partial: false, commits: commits.length, paths: [PATH] });
    expect(out.diagnostics).toEqual([]);

    // Every file event, once, with its source and time.
    const fileEvents = out.events.filter((e) => e.source !== 'commit').map((e) => [e.at, e.source, e.field]);
    expect(fileEvents.sort()).toEqual(declaredEvents(head).sort());
    // Every recording commit, oldest first, with its author date.
    expect(out.events.filter((e) => e.source === 'commit').map((e) => ({ sha: e.sha, at: e.at }))).toEqual(commits);
    expect(out.events.filter((e) => e.source === 'commit').at(-1)?.pr).toBe(42);
    // One ordered list.
    const times = out.events.map((e) => t(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Each lifecycle timestamp was recorded by the commit of its stage.
    for (const [field, sha] of stageCommits) {
      expect(out.events.find((e) => e.field === field)?.recorded?.sha, field).toBe(sha);
    }
    // The first commit created the file.
    expect(out.events.find((e) => e.sha === commits[0].sha)?.kind).toBe('created');
  });

  it('prints a markdown table with one row per event', () => {
    const run = runCli(['timeline', PATH], { cwd: repo.dir });
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('| 2'));
    expect(rows.length).toBe(declaredEvents(head).length + commits.length);
    expect(run.stdout).toContain('| Time (UTC) | Source | Kind | By | What | Recorded in |');
    // The sample config sets site.repository_url: commits and PRs are links.
    expect(run.stdout).toMatch(/\[#42\]\(https:\/\/github\.com\/.+\/pull\/42\)/);
  });

  it('prints a mermaid gantt of the stages', () => {
    const run = runCli(['timeline', ID, '--format', 'mermaid'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('gantt');
    expect(lines).toContain('  section Stages');
    const gantt = (v: unknown) => iso(t(v)).slice(0, 19).replace('T', ' ');
    expect(lines).toContain(`    Triage :done, s2, ${gantt(head.detected_at)}, ${gantt(head.acknowledged_at)}`);
  });

  it('works without git (file events only), and refuses an unknown id with a hint', () => {
    const plain = mkdtempSync(join(tmpdir(), 'sitrep-nogit-'));
    try {
      for (const part of SAMPLE_PARTS) cpSync(join(REPO_ROOT, part), join(plain, part), { recursive: true });
      const run = runCli(['timeline', ID, '--format', 'json'], { cwd: plain });
      expect(run.code).toBe(0);
      const out: TimelineResult = JSON.parse(run.stdout);
      expect(out.history.available).toBe(false);
      expect(out.events.every((e) => e.source !== 'commit')).toBe(true);
      expect(out.events.length).toBe(declaredEvents(head).length);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    const unknown = runCli(['timeline', 'INC-2024-0010'], { cwd: repo.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no incident INC-2024-0010');
    expect(unknown.stderr).toContain('did you mean');
  });
});
