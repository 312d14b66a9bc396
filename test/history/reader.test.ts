/**
 * The history reader on real git histories with controlled authors and dates: the commits of an
 * incident and what each changed, across a PR merge, a squash, a rename, a subfolder and a shallow clone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { gitProcessesStarted } from '../../src/git/index.js';
import { readAllIncidentHistories, readIncidentHistory, readStatusHistory } from '../../src/git/incident-history.js';
import { buildTimeline } from '../../src/core/timeline.js';
import { ALICE, BOB, CAROL, writeBase, yamlOf } from './incident-repo.js';

const OLD = 'incidents/2024/INC-2025-0042.yaml'; // filed in the wrong year folder first
const PATH = 'incidents/2025/INC-2025-0042.yaml';

const base = {
  id: 'INC-2025-0042', title: 'orders.fct_orders: partition missing', severity: 'SEV2', status: 'detected',
  symptom: 'freshness', domain: 'orders', datasets: ['orders.fct_orders'],
  started_at: '2025-08-03T02:00:00Z', detected_at: '2025-08-03T06:12:00Z',
};
const L0 = { at: '2025-08-03T06:15:00Z', by: 'alice', kind: 'note', text: 'Freshness check failed.' };
const L1 = { at: '2025-08-03T06:25:00Z', by: 'bob', kind: 'hypothesis', text: 'Scheduler down.' };
const U0 = { at: '2025-08-03T06:30:00Z', audience: 'consumers', stage: 'triage', text: 'Investigating.' };
const M1 = { id: 'M1', action: 'Hold the extract', reversible: false, applied_at: '2025-08-03T07:00:00Z' };
const L2 = { at: '2025-08-03T07:20:00Z', by: 'carol', kind: 'change', text: 'Extract held.' };
const L3 = { at: '2025-08-03T07:55:00Z', by: 'alice', kind: 'decision', text: 'Reopen triage: wrong cause.' };
const triaged = { ...base, status: 'triaged', acknowledged_at: '2025-08-03T06:20:00Z', roles: { owner: 'bob' }, runbook: 'late', channel: '#inc', impact: { summary: 'Late.' } };

interface Script { shas: Record<string, string> }

/** The scripted history, in `prefix` ('' or a subfolder of a bigger repository). */
function script(repo: FixtureRepo, prefix: string): Script {
  const p = (path: string) => `${prefix}${path}`;
  const shas: Record<string, string> = {};
  writeBase(repo, prefix);
  repo.write('README.md', 'unrelated\n');
  shas.init = repo.commit('Set up the incident repo', { author: ALICE, date: '2025-08-01T09:00:00Z' });
  repo.write(p(OLD), yamlOf({ ...base, ledger: [L0] }));
  shas.declare = repo.commit('Declare INC-2025-0042 (#11)', { author: ALICE, date: '2025-08-03T06:20:00Z' });
  // A PR branch: triage, merged with a merge commit.
  repo.checkout('triage', { create: true });
  repo.write(p(OLD), yamlOf({ ...triaged, ledger: [L0, L1], updates: [U0] }));
  shas.triage = repo.commit('Triage', { author: BOB, date: '2025-08-03T08:40:00+02:00' });
  repo.checkout('main');
  repo.write('README.md', 'unrelated, changed on main\n');
  shas.unrelated = repo.commit('Docs', { author: CAROL, date: '2025-08-03T06:42:00Z' });
  shas.merge = repo.merge('triage', 'Merge pull request #12 from acme/triage', { author: BOB, date: '2025-08-03T06:45:00Z', noFf: true });
  // Move it to the right year folder, and contain it in the same commit; L2 is dated after this commit.
  repo.remove(p(OLD));
  repo.write(p(PATH), yamlOf({ ...triaged, status: 'contained', contained_at: '2025-08-03T07:05:00Z', ledger: [L0, L1, L2], updates: [U0], mitigations: [M1] }));
  shas.contain = repo.commit('Contain (#13)', { author: CAROL, date: '2025-08-03T07:10:00Z' });
  // A move back to triaged, with its decision; and an edit of an old ledger entry.
  repo.write(p(PATH), yamlOf({ ...triaged, ledger: [{ ...L0, text: 'Freshness check failed at 06:12.' }, L1, L2, L3], updates: [U0], mitigations: [M1], contained_at: undefined }));
  shas.reopen = repo.commit('Reopen (#14)', { author: ALICE, date: '2025-08-03T08:00:00Z' });
  return { shas };
}

describe('history reader', () => {
  let repo: FixtureRepo;
  let s: Script;
  beforeAll(() => {
    repo = createFixtureRepo();
    s = script(repo, '');
  });
  afterAll(() => repo.cleanup());

  it('gives each commit of one incident, newest first, following the rename, with PRs and what changed', async () => {
    const h = await readIncidentHistory(repo.dir, PATH);
    expect(h.partial).toBe(false);
    expect(h.paths).toEqual([PATH, OLD]);
    expect(h.commits.map((c) => [c.sha, c.author.name, c.at, c.pr, c.merge, c.path, c.oldPath])).toEqual([
      [s.shas.reopen, 'Alice Nguyen', '2025-08-03T08:00:00Z', 14, false, PATH, undefined],
      [s.shas.contain, 'Carol Mendes', '2025-08-03T07:10:00Z', 13, false, PATH, OLD],
      [s.shas.merge, 'Bob Okafor', '2025-08-03T06:45:00Z', 12, true, OLD, undefined],
      [s.shas.triage, 'Bob Okafor', '2025-08-03T06:40:00Z', 12, false, OLD, undefined],
      [s.shas.declare, 'Alice Nguyen', '2025-08-03T06:20:00Z', 11, false, OLD, undefined],
    ]);
    const changes = Object.fromEntries(h.commits.map((c) => [c.sha, c.changes]));
    expect(changes[s.shas.declare]).toEqual([
      { kind: 'created', status: 'detected', severity: 'SEV2' },
      { kind: 'timestamp', field: 'started_at', to: '2025-08-03T02:00:00Z' },
      { kind: 'timestamp', field: 'detected_at', to: '2025-08-03T06:12:00Z' },
      { kind: 'ledger-added', index: 0, at: L0.at, by: 'alice', entryKind: 'note', text: L0.text },
    ]);
    expect(changes[s.shas.triage]).toEqual([
      { kind: 'status', from: 'detected', to: 'triaged', back: false },
      { kind: 'owner', to: 'bob' },
      { kind: 'timestamp', field: 'acknowledged_at', to: '2025-08-03T06:20:00Z' },
      { kind: 'ledger-added', index: 1, at: L1.at, by: 'bob', entryKind: 'hypothesis', text: L1.text },
      { kind: 'update-added', index: 0, at: U0.at, audience: 'consumers', stage: 'triage', text: U0.text },
    ]);
    // The merge brought the branch's changes into main: the same list, against its first parent.
    expect(changes[s.shas.merge]).toEqual(changes[s.shas.triage]);
    expect(changes[s.shas.contain]).toEqual([
      { kind: 'renamed', from: OLD, to: PATH },
      { kind: 'status', from: 'triaged', to: 'contained', back: false },
      { kind: 'timestamp', field: 'contained_at', to: '2025-08-03T07:05:00Z' },
      { kind: 'ledger-added', index: 2, at: L2.at, by: 'carol', entryKind: 'change', text: L2.text },
      { kind: 'mitigation-applied', id: 'M1', at: '2025-08-03T07:00:00Z' },
    ]);
    expect(changes[s.shas.reopen]).toEqual([
      { kind: 'status', from: 'contained', to: 'triaged', back: true },
      { kind: 'timestamp', field: 'contained_at', from: '2025-08-03T07:05:00Z' },
      { kind: 'ledger-rewritten', index: 0, removed: false, at: L0.at, text: 'Freshness check failed at 06:12.' },
      { kind: 'ledger-added', index: 3, at: L3.at, by: 'alice', entryKind: 'decision', text: L3.text },
    ]);
  });

  it('builds the exact timeline from the file and its commits, each event with its source', async () => {
    const h = await readIncidentHistory(repo.dir, PATH);
    const inc = { ...triaged, ledger: [{ ...L0, text: 'Freshness check failed at 06:12.' }, L1, L2, L3], updates: [U0], mitigations: [M1] } as never;
    const t = buildTimeline(inc, h.commits);
    expect(t.events.map((e) => [e.at, e.source, e.kind, e.field ?? e.sha, e.recorded?.sha ?? null])).toEqual([
      ['2025-08-03T02:00:00Z', 'declared', 'started', 'started_at', s.shas.declare],
      ['2025-08-03T06:12:00Z', 'declared', 'detected', 'detected_at', s.shas.declare],
      // L0 was edited later: it is recorded, as it is now, by the reopen commit.
      ['2025-08-03T06:15:00Z', 'ledger', 'note', 'ledger[0]', s.shas.reopen],
      ['2025-08-03T06:20:00Z', 'declared', 'acknowledged', 'acknowledged_at', s.shas.triage],
      ['2025-08-03T06:20:00Z', 'commit', 'created', s.shas.declare, null],
      ['2025-08-03T06:25:00Z', 'ledger', 'hypothesis', 'ledger[1]', s.shas.triage],
      ['2025-08-03T06:30:00Z', 'update', 'consumers', 'updates[0]', s.shas.triage],
      ['2025-08-03T06:40:00Z', 'commit', 'changed', s.shas.triage, null],
      ['2025-08-03T06:45:00Z', 'commit', 'merged', s.shas.merge, null],
      ['2025-08-03T07:00:00Z', 'declared', 'mitigation-applied', 'mitigations[0].applied_at', s.shas.contain],
      ['2025-08-03T07:10:00Z', 'commit', 'changed', s.shas.contain, null],
      ['2025-08-03T07:20:00Z', 'ledger', 'change', 'ledger[2]', s.shas.contain],
      ['2025-08-03T07:55:00Z', 'ledger', 'decision', 'ledger[3]', s.shas.reopen],
      ['2025-08-03T08:00:00Z', 'commit', 'changed', s.shas.reopen, null],
    ]);
    expect(t.events.find((e) => e.sha === s.shas.triage)?.pr).toBe(12);
    expect(t.warnings.map((w) => [w.code, w.sha, w.path])).toEqual([
      ['HISTORY_AFTER_COMMIT', s.shas.contain, ['ledger', 2]],
      ['HISTORY_REWRITTEN', s.shas.reopen, undefined],
    ]);
  });

  it('reads every incident in one pass and the status history for the reopen rate, without a git process per commit', async () => {
    const before = gitProcessesStarted();
    const all = await readAllIncidentHistories(repo.dir);
    expect(all.incidents.map((i) => [i.id, i.path, i.commits.length])).toEqual([['INC-2025-0042', PATH, 5]]);
    const status = await readStatusHistory(repo.dir);
    expect([...status.incidents.values()]).toEqual([
      { id: 'INC-2025-0042', path: PATH, versions: 5, movedBack: [{ sha: s.shas.reopen, at: '2025-08-03T08:00:00Z', from: 'contained', to: 'triaged' }] },
    ]);
    // log + cat-file + is-shallow for each of the two passes.
    expect(gitProcessesStarted() - before).toBeLessThanOrEqual(6);
  });

  it('works the same when the incident repo is a subfolder of a bigger repository', async () => {
    const big = createFixtureRepo();
    try {
      const sub = script(big, 'data/incidents-repo/');
      const dir = `${big.dir}/data/incidents-repo`;
      const h = await readIncidentHistory(dir, PATH);
      expect(h.paths).toEqual([PATH, OLD]);
      expect(h.commits.map((c) => c.sha)).toEqual([sub.shas.reopen, sub.shas.contain, sub.shas.merge, sub.shas.triage, sub.shas.declare]);
      expect(h.commits[1].changes[0]).toEqual({ kind: 'renamed', from: OLD, to: PATH });
      const status = await readStatusHistory(dir);
      expect(status.incidents.get('INC-2025-0042')?.movedBack.map((m) => m.sha)).toEqual([sub.shas.reopen]);
    } finally {
      big.cleanup();
    }
  });

  it('says the history is partial in a shallow clone, and reads what is there', async () => {
    const clone = repo.shallowClone(1);
    const h = await readIncidentHistory(clone.dir, PATH);
    expect(h.partial).toBe(true);
    expect(h.commits.map((c) => [c.sha, c.changes[0].kind])).toEqual([[s.shas.reopen, 'created']]);
    const t = buildTimeline({ ...base } as never, h.commits, { partial: h.partial });
    expect(t.warnings.map((w) => w.code)).toEqual(['HISTORY_PARTIAL']);
    const status = await readStatusHistory(clone.dir);
    expect(status.partial).toBe(true);
    expect(status.incidents.get('INC-2025-0042')?.movedBack).toEqual([]);
  });
});
