/**
 * Escalation watch: computeWatch over a small repo (pure), and `sitrep watch` as a user runs it
 * (exit codes, text, JSON checked against schemas/watch.schema.json).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OverlaySource } from '../../src/core/overlay-source.js';
import { validateRepo } from '../../src/core/validate.js';
import { computeWatch, type WatchFinding } from '../../src/core/watch.js';
import type { RepoIndex } from '../../src/core/repo-index.js';
import { miniIncident, miniRepoFiles } from '../support/mini-repo.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/paths.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateOutput = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/watch.schema.json'), 'utf8')));

const T = (s: string) => Date.parse(s);

/** SEV2 on sales.fct_orders (producer orders → policy critical), detected 06:00, nothing else yet. */
const DETECTED = miniIncident('INC-2025-0001', `title: "sales.fct_orders: late"
severity: SEV2
status: detected
symptom: freshness
domain: sales
datasets: [sales.fct_orders]
detected_at: 2025-08-03T06:00:00Z
`);

/** Triaged, acknowledged in time, one update at 06:20; update_every PT2H → due 08:20. */
const TRIAGED = miniIncident('INC-2025-0002', `title: "sales.fct_orders: volume"
severity: SEV2
status: triaged
symptom: volume
domain: sales
datasets: [sales.fct_orders]
impact: { summary: Reports short. }
detected_at: 2025-08-03T06:00:00Z
acknowledged_at: 2025-08-03T06:10:00Z
roles: { owner: alice }
channel: "#inc-2025-0002"
runbook: late-partition
ledger:
  - { at: 2025-08-03T06:05:00Z, by: alice, kind: hypothesis, text: scheduler }
updates:
  - { at: 2025-08-03T06:20:00Z, audience: consumers, stage: containment, text: On it. }
`);

/** Closed SEV2, review due but never held; one action item owned by finance, due 2025-08-10. */
const CLOSED = miniIncident('INC-2025-0003', `title: "sales.fct_orders: dupes"
severity: SEV3
status: closed
symptom: volume
domain: sales
datasets: [sales.fct_orders]
impact: { summary: Dupes. }
started_at: 2025-08-01T05:00:00Z
detected_at: 2025-08-01T06:00:00Z
acknowledged_at: 2025-08-01T06:10:00Z
contained_at: 2025-08-01T07:00:00Z
remediated_at: 2025-08-01T08:00:00Z
resolved_at: 2025-08-01T09:00:00Z
closed_at: 2025-08-01T10:00:00Z
roles: { owner: alice }
channel: "#inc-2025-0003"
runbook: volume-drop
mitigations:
  - { id: M1, action: Hide the table., reversible: false, applied_at: 2025-08-01T07:00:00Z }
root_cause: { summary: Retry double-wrote., category: pipeline-bug }
remediation:
  - { action: Dedupe., owner: orders, status: done, done_at: 2025-08-01T08:00:00Z }
verification:
  - { check: Counts match., passed: true, evidence: q1 }
signoff:
  - { team: orders, by: bob, at: 2025-08-01T09:30:00Z }
review:
  due: 2025-08-08
  action_items:
    - { id: A1, action: Idempotent writes., owner: finance, due: 2025-08-10, status: open, type: prevent }
    - { id: A2, action: Alert., owner: orders, due: 2025-08-09, status: done, done_at: 2025-08-09T10:00:00Z, type: detect }
`);

/** On sales.revenue: producer finance names no policy, owner fred's team neither. A drill. */
const NO_POLICY = miniIncident('INC-2025-0004', `title: "[drill] sales.revenue: volume"
severity: SEV3
status: detected
symptom: volume
domain: sales
datasets: [sales.revenue]
drill: true
detected_at: 2025-08-03T06:00:00Z
roles: { owner: fred }
`);

async function indexOf(incidents: Record<string, string>): Promise<RepoIndex> {
  const files = new Map(Object.entries({ ...miniRepoFiles(), ...incidents }));
  const r = await validateRepo(new OverlaySource(undefined, files));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.idx;
}

describe('computeWatch', () => {
  it('reports nothing before a box is due', async () => {
    const idx = await indexOf({ 'incidents/2025/INC-2025-0001.yaml': DETECTED });
    const w = computeWatch(idx, T('2025-08-03T06:29:00Z'));
    expect(w.incidents).toEqual([]);
    expect(w.summary).toMatchObject({ incidents: 1, open: 1, with_findings: 0, findings: 0 });
  });

  it('walks the policy of the first dataset\'s producer to the level that applies, and names the people', async () => {
    const idx = await indexOf({ 'incidents/2025/INC-2025-0001.yaml': DETECTED });
    // acknowledge PT30M → due 06:30. At 06:45, overrun 15m: level 1 (after PT0M) = oncall:orders = carol (rotation from 08-03).
    let w = computeWatch(idx, T('2025-08-03T06:45:00Z'));
    expect(w.incidents).toHaveLength(1);
    let f = w.incidents[0].findings[0];
    expect(f).toMatchObject({ kind: 'timebox', box: 'acknowledge', due: '2025-08-03T06:30:00Z', overdue_by: 'PT15M', overdue_seconds: 900, from: 'detected_at' });
    expect(f.escalation).toEqual({
      policy: 'critical', team: 'orders', via: 'producer', level: 1, levels: 3, after: 'PT0M', since: '2025-08-03T06:30:00Z',
      next: { level: 2, after: 'PT30M', at: '2025-08-03T07:00:00Z' },
    });
    expect(f.people).toEqual(['carol']);
    expect(f.teams).toEqual([]);
    expect(f.channels).toEqual(['#orders', 'orders@example.com']);

    // At 07:10, overrun 40m: level 2 = team:platform + exec:vp-data.
    w = computeWatch(idx, T('2025-08-03T07:10:00Z'));
    f = w.incidents[0].findings[0];
    expect(f.escalation).toMatchObject({ level: 2, after: 'PT30M', since: '2025-08-03T07:00:00Z', next: { level: 3, at: '2025-08-03T08:30:00Z' } });
    expect(f.notify.map((t) => t.target)).toEqual(['team:platform', 'exec:vp-data']);
    expect(f.people).toEqual(['vera']);
    expect(f.teams).toEqual(['@acme/platform']);
    expect(f.channels).toEqual(['https://pager.example.com/platform', '#platform', 'vera@example.com']);
    expect(w.incidents[0].level).toBe(2);

    // At 09:00 (overrun 2h30m): level 3, the last; the update box (due 08:00) has run over too.
    w = computeWatch(idx, T('2025-08-03T09:00:00Z'));
    const byBox: Record<string, WatchFinding> = Object.fromEntries(w.incidents[0].findings.map((x) => [x.box, x]));
    expect(Object.keys(byBox)).toEqual(['acknowledge', 'update_every']);
    expect(byBox.acknowledge.escalation).toMatchObject({ level: 3, next: null });
    expect(byBox.acknowledge.notify.map((t) => t.target)).toEqual(['exec:cfo', 'vendor:warehouse']);
    expect(byBox.acknowledge.channels).toEqual(['support@warehouse.example.com']);
    expect(byBox.update_every).toMatchObject({ kind: 'update', due: '2025-08-03T08:00:00Z' });
    expect(byBox.update_every.escalation?.level).toBe(2);
    expect(w.summary.by_kind).toEqual({ timebox: 1, update: 1, review: 0, action_item: 0 });
  });

  it('measures a late update from the last update, and the contain box from detected_at', async () => {
    const idx = await indexOf({ 'incidents/2025/INC-2025-0002.yaml': TRIAGED });
    const w = computeWatch(idx, T('2025-08-03T10:30:00Z'));
    const boxes = w.incidents[0].findings.map((f) => [f.box, f.from, f.due]);
    expect(boxes).toEqual([
      ['contain', 'detected_at', '2025-08-03T10:00:00Z'],
      ['update_every', 'updates[0].at', '2025-08-03T08:20:00Z'],
    ]);
    // The message does not depend on now (tracking issues stay stable); overdue_by does.
    expect(w.incidents[0].findings[1].message).toBe('stakeholder update is late (PT2H from updates[0].at, due 2025-08-03T08:20:00Z)');
    expect(w.incidents[0].findings[1].overdue_by).toBe('PT2H10M');
  });

  it('finds a review not held in time and an overdue action item, and tells the item owner team', async () => {
    const idx = await indexOf({ 'incidents/2025/INC-2025-0003.yaml': CLOSED });
    // review_within P14D for SEV3 from closed_at 08-01T10:00 → 08-15T10:00; the review is recorded, so it applies.
    expect(computeWatch(idx, T('2025-08-10T23:59:59Z')).incidents).toEqual([]);
    let w = computeWatch(idx, T('2025-08-11T00:00:00Z'));
    expect(w.incidents[0].findings.map((f) => [f.kind, f.action_item, f.due])).toEqual([['action_item', 'A1', '2025-08-11T00:00:00Z']]);
    const a1 = w.incidents[0].findings[0];
    expect(a1.notify.map((t) => t.target)).toEqual(['oncall:orders', 'team:finance']);
    expect(a1.teams).toEqual(['@acme/finance']);
    expect(a1.channels).toContain('https://pager.example.com/finance');
    w = computeWatch(idx, T('2025-08-16T00:00:00Z'));
    expect(w.incidents[0].findings.map((f) => f.kind)).toEqual(['review', 'action_item']);
    expect(w.incidents[0].findings[0]).toMatchObject({ box: 'review_within', from: 'closed_at', due: '2025-08-15T10:00:00Z' });
    expect(w.summary).toMatchObject({ incidents: 1, open: 0, with_findings: 1 });
  });

  it('falls back to the owner when no policy applies, and flags drills', async () => {
    const idx = await indexOf({ 'incidents/2025/INC-2025-0004.yaml': NO_POLICY });
    const w = computeWatch(idx, T('2025-08-03T08:30:00Z'));
    expect(w.incidents[0]).toMatchObject({ id: 'INC-2025-0004', drill: true, owner: 'fred', level: 0 });
    const f = w.incidents[0].findings[0];
    expect(f.escalation).toBeNull();
    expect(f.notify.map((t) => t.target)).toEqual(['user:fred']);
    expect(f.people).toEqual(['fred']);
  });

  it('puts the most escalated incident first', async () => {
    const idx = await indexOf({
      'incidents/2025/INC-2025-0001.yaml': DETECTED,
      'incidents/2025/INC-2025-0004.yaml': NO_POLICY,
    });
    const w = computeWatch(idx, T('2025-08-03T09:00:00Z'));
    expect(w.incidents.map((i) => i.id)).toEqual(['INC-2025-0001', 'INC-2025-0004']);
    expect(w.now).toBe('2025-08-03T09:00:00Z');
  });
});

describe('sitrep watch', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
    const files = { ...miniRepoFiles(), 'incidents/2025/INC-2025-0001.yaml': DETECTED, 'incidents/2025/INC-2025-0003.yaml': CLOSED };
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => {
    const r = runCli(['watch', ...args], { cwd: dir });
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    return r;
  };

  it('gives the escalation level and the people for a time past a time box, and exits 0', () => {
    const r = run(['--now', '2025-08-03T07:10:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('INC-2025-0001  SEV2  detected');
    expect(r.stdout).toContain('not acknowledged within the acknowledge box (PT30M from detected_at, due 2025-08-03T06:30:00Z); overdue by 40m');
    expect(r.stdout).toContain('escalation: policy critical of orders (producer), level 2 of 3 since 2025-08-03T07:00Z (after PT30M)');
    expect(r.stdout).toContain('tell: @vera, @acme/platform');
  });

  it('exits 1 with --fail-on-findings, 0 when nothing is overdue', () => {
    expect(run(['--now', '2025-08-03T07:10:00Z', '--fail-on-findings']).code).toBe(1);
    const quiet = run(['--now', '2025-08-03T06:10:00Z', '--fail-on-findings']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('nothing overdue');
  });

  it('writes JSON that follows schemas/watch.schema.json', () => {
    const r = run(['--now', '2025-08-16T00:00:00Z', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(out.diagnostics).toEqual([]);
    expect(out.summary.by_kind).toEqual({ timebox: 3, update: 1, review: 1, action_item: 1 });
  });

  it('refuses a bad --now with a usage error', () => {
    const r = run(['--now', 'yesterday']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--now must be an ISO-8601');
  });
});
