/**
 * The change rules on real git: a base commit on main, then one PR branch per case. Breaches
 * assert the exact codes and positions; legal changes assert no errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureRepo } from '../support/git-fixture.js';
import {
  TEAMS, DOMAIN, branch, check, closed, codesOf, contained, createBaseRepo, errorsOf, incidentPath, lineOf, triaged, verified, yaml,
} from './fixture.js';

type Obj = Record<string, unknown>;
const P1 = incidentPath('INC-2025-0001');
const P2 = incidentPath('INC-2025-0002');
const P3 = incidentPath('INC-2025-0003');
const P4 = incidentPath('INC-2025-0004');

let repo: FixtureRepo;
let n = 0;
/** A PR branch that writes `inc` at its path; returns the head sha and the text written. */
function pr(inc: Obj, date?: string): { sha: string; text: string; path: string } {
  const path = incidentPath(String(inc.id));
  const text = yaml(inc);
  const sha = branch(repo, `pr-${++n}`, (r) => r.write(path, text), date);
  return { sha, text, path };
}
const withLedger = (inc: Obj, ...entries: Obj[]): Obj => ({ ...inc, ledger: [...(inc.ledger as Obj[]), ...entries] });

beforeAll(() => {
  repo = createBaseRepo((r) => {
    r.write(P3, yaml(contained('INC-2025-0003')));
    r.write(P4, yaml(verified('INC-2025-0004')));
    r.write('ownership/teams.yaml', `${TEAMS}  - id: marketing\n    name: Marketing\n    github: "@acme/marketing"\n    members: [mark]\n`);
  });
});
afterAll(() => repo.cleanup());

describe('lifecycle transitions', () => {
  const remediated = (): Obj => withLedger({
    ...verified('INC-2025-0001'), status: 'remediated', resolved_at: undefined, verification: undefined, channel: '#inc-2025-0001',
    updates: triaged().updates,
  });

  it('a forward move with its requirements met is legal', async () => {
    const { sha } = pr(contained());
    const r = await check(repo, sha);
    expect(errorsOf(r)).toEqual([]);
    expect(r.changed).toEqual([{ status: 'M', path: P1 }]);
  });

  it('a skip without a waiver is LIFECYCLE_SKIP at the status line', async () => {
    const { sha, text } = pr(remediated());
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['LIFECYCLE_SKIP']);
    expect(errorsOf(r)[0]).toMatchObject({ file: P1, line: lineOf(text, 'status: remediated'), column: 9 });
    expect(errorsOf(r)[0].message).toContain('skipping contained');
  });

  it('a waived skip is legal, and the waiver is listed for the gate', async () => {
    const waiver = { rule: 'LIFECYCLE_SKIP', stage: 'contained', reason: 'Contained and fixed in one go.', approved_by: 'pat' };
    const { sha } = pr({ ...remediated(), waivers: [waiver] });
    const r = await check(repo, sha);
    expect(errorsOf(r)).toEqual([]);
    expect(r.waivers_required).toEqual([
      { incident: 'INC-2025-0001', file: P1, rule: 'LIFECYCLE_SKIP', stage: 'contained', approved_by: 'pat', added: true, used: true },
    ]);
  });

  it('a status skipped under a waiver needs no evidence of its own; the target still does', async () => {
    const waivers = [{ rule: 'LIFECYCLE_SKIP', stage: 'contained', reason: 'Fixed before containing.', approved_by: 'pat' }];
    const noChange = (inc: Obj): Obj => ({ ...inc, ledger: (inc.ledger as Obj[]).filter((e) => e.kind !== 'change') });
    expect(errorsOf(await check(repo, pr(noChange({ ...remediated(), waivers })).sha))).toEqual([]);
    const noEvidence = { ...remediated(), waivers, ledger: (remediated().ledger as Obj[]).filter((e) => e.kind !== 'evidence') };
    const r = await check(repo, pr(noEvidence).sha);
    expect(codesOf(r)).toEqual(['STAGE_EVIDENCE']);
    expect(errorsOf(r)[0].message).toMatch(/entering remediated ends the root_cause stage/);
  });

  it('a waiver for another stage does not waive the skip', async () => {
    const waiver = { rule: 'LIFECYCLE_SKIP', stage: 'verified', reason: 'Wrong stage.', approved_by: 'pat' };
    const r = await check(repo, pr({ ...remediated(), waivers: [waiver] }).sha);
    expect(codesOf(r)).toEqual(['LIFECYCLE_SKIP']);
  });

  it('a forward move that misses the entry requirements and the stage evidence fails', async () => {
    const inc = { ...triaged(), status: 'contained', contained_at: '2025-08-03T11:30:00Z' };
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r).sort()).toEqual(['STAGE_EVIDENCE', 'STATUS_REQUIREMENT']);
    for (const d of errorsOf(r)) expect(d).toMatchObject({ file: P1, line: lineOf(text, 'status: contained') });
    expect(errorsOf(r).find((d) => d.code === 'STAGE_EVIDENCE')!.message).toMatch(/containment stage.*late-partition.*change/);
  });

  it('a reopen without a decision entry is LIFECYCLE_REOPEN', async () => {
    const inc = { ...contained('INC-2025-0003'), status: 'triaged', contained_at: undefined };
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['LIFECYCLE_REOPEN']);
    expect(errorsOf(r)[0]).toMatchObject({ file: P3, line: lineOf(text, 'status: triaged') });
  });

  it('a reopen with a decision entry added in the PR is legal', async () => {
    const inc = withLedger({ ...contained('INC-2025-0003'), status: 'triaged', contained_at: undefined },
      { at: '2025-08-03T12:00:00Z', by: 'alice', kind: 'decision', text: 'Reopened: the pause did not hold.' });
    const r = await check(repo, pr(inc).sha);
    expect(errorsOf(r)).toEqual([]);
  });

  it('a closed incident cannot be reopened', async () => {
    const inc = withLedger({ ...closed(), status: 'verified', closed_at: undefined },
      { at: '2025-08-03T12:00:00Z', by: 'bob', kind: 'decision', text: 'It came back.' });
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r)).toContain('LIFECYCLE_REOPEN');
    expect(codesOf(r)).toContain('CLOSED_FROZEN');
    expect(errorsOf(r).find((d) => d.code === 'LIFECYCLE_REOPEN')).toMatchObject({ file: P2, line: lineOf(text, 'status: verified') });
  });

  it('a new incident may start at detected; one created at contained skips triaged', async () => {
    const fresh = { id: 'INC-2025-0009', title: 'orders.fct_orders: volume drop', severity: 'SEV3', status: 'detected', symptom: 'freshness', domain: 'orders', datasets: ['orders.fct_orders'], detected_at: '2025-08-03T12:00:00Z' };
    expect(errorsOf(await check(repo, pr(fresh).sha))).toEqual([]);
    const r = await check(repo, pr({ ...contained('INC-2025-0009') }).sha);
    expect(codesOf(r)).toEqual(['LIFECYCLE_SKIP']);
  });
});

describe('references to incidents the PR does not touch', () => {
  const fresh = (regression: string): Obj => ({
    id: 'INC-2025-0011', title: 'orders.dim_customers: duplicates again', severity: 'SEV3', status: 'detected', symptom: 'freshness',
    domain: 'orders', datasets: ['orders.dim_customers'], detected_at: '2025-08-03T12:00:00Z', regression_of: regression,
  });

  it('regression_of an existing incident is fine; an unknown one is REF_INCIDENT', async () => {
    expect(errorsOf(await check(repo, pr(fresh('INC-2025-0002')).sha))).toEqual([]);
    const { sha, text } = pr(fresh('INC-2025-0077'));
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['REF_INCIDENT']);
    expect(errorsOf(r)[0].line).toBe(lineOf(text, 'regression_of:'));
  });
});

describe('append-only ledger and updates', () => {
  it('an appended entry is legal', async () => {
    const r = await check(repo, pr(withLedger(triaged(), { at: '2025-08-03T12:00:00Z', by: 'bob', kind: 'note', text: 'Paging the vendor.' })).sha);
    expect(errorsOf(r)).toEqual([]);
  });

  it('an edited entry is LEDGER_EDITED at the changed line in head', async () => {
    const inc = triaged();
    (inc.ledger as Obj[])[1] = { ...(inc.ledger as Obj[])[1], text: 'Loader restarted twice.' };
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['LEDGER_EDITED']);
    expect(errorsOf(r)[0]).toMatchObject({ file: P1, line: lineOf(text, 'Loader restarted twice.') });
  });

  it('a removed entry is LEDGER_REMOVED at its line in base', async () => {
    const inc = triaged();
    (inc.ledger as Obj[]).splice(0, 1);
    const r = await check(repo, pr(inc).sha);
    expect(codesOf(r)).toEqual(['LEDGER_REMOVED']);
    const baseText = yaml(triaged());
    expect(errorsOf(r)[0]).toMatchObject({ file: P1, line: lineOf(baseText, 'at: 2025-08-03T06:15:00Z') });
  });

  it('reordered entries are LEDGER_REORDERED', async () => {
    const inc = triaged();
    (inc.ledger as Obj[]).reverse();
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['LEDGER_REORDERED']);
    expect([lineOf(text, 'at: 2025-08-03T06:15:00Z'), lineOf(text, 'at: 2025-08-03T06:30:00Z')]).toContain(errorsOf(r)[0].line);
  });

  it('an entry inserted among merged ones is LEDGER_REORDERED at the new entry', async () => {
    const inc = triaged();
    (inc.ledger as Obj[]).splice(1, 0, { at: '2025-08-03T12:00:00Z', by: 'bob', kind: 'note', text: 'Squeezed in.' });
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['LEDGER_REORDERED']);
    expect(errorsOf(r)[0].line).toBe(lineOf(text, 'at: 2025-08-03T12:00:00Z'));
  });

  it('an edited update is UPDATES_EDITED; a removed one UPDATES_REMOVED', async () => {
    const edited = triaged();
    (edited.updates as Obj[])[0] = { ...(edited.updates as Obj[])[0], audience: 'internal' };
    const { sha, text } = pr(edited);
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['UPDATES_EDITED']);
    expect(errorsOf(r)[0].line).toBe(lineOf(text, 'audience: internal'));

    const removed = triaged();
    (removed.updates as Obj[]).pop();
    const r2 = await check(repo, pr(removed).sha);
    expect(codesOf(r2)).toEqual(['UPDATES_REMOVED']);
    expect(errorsOf(r2)[0].line).toBe(lineOf(yaml(triaged()), 'at: 2025-08-03T11:00:00Z'));
  });

  it('key order inside an entry is not an edit', async () => {
    const inc = triaged();
    const [first] = inc.ledger as Obj[];
    (inc.ledger as Obj[])[0] = { text: first.text, kind: first.kind, by: first.by, at: first.at };
    expect(errorsOf(await check(repo, pr(inc).sha))).toEqual([]);
  });
});

describe('closed incidents', () => {
  it('changing a closed incident outside its review is CLOSED_FROZEN at the field', async () => {
    const { sha, text } = pr({ ...closed(), title: 'orders.dim_customers: duplicated rows after the backfill' });
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['CLOSED_FROZEN']);
    expect(errorsOf(r)[0]).toMatchObject({ file: P2, line: lineOf(text, 'title:'), column: 1 });
  });

  it('its review may change', async () => {
    const r = await check(repo, pr({ ...closed(), review: { due: '2025-08-20', learnings: ['Backfills need a lock.'] } }).sha);
    expect(errorsOf(r)).toEqual([]);
  });

  it('a CLOSED_FROZEN waiver lets a correction through, and is listed', async () => {
    const waiver = { rule: 'CLOSED_FROZEN', reason: 'Typo in the title.', approved_by: 'alice' };
    const r = await check(repo, pr({ ...closed(), title: 'orders.dim_customers: duplicate rows after backfill', waivers: [waiver] }).sha);
    expect(errorsOf(r)).toEqual([]);
    expect(r.waivers_required).toMatchObject([{ rule: 'CLOSED_FROZEN', stage: null, approved_by: 'alice', used: true }]);
  });
});

describe('dating', () => {
  it('an entry dated after the head commit beyond the tolerance is DATED_FUTURE', async () => {
    const { sha, text } = pr(withLedger(triaged(), { at: '2025-08-03T12:30:00Z', by: 'bob', kind: 'note', text: 'From the future.' }));
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['DATED_FUTURE']);
    expect(errorsOf(r)[0]).toMatchObject({ file: P1, line: lineOf(text, 'at: 2025-08-03T12:30:00Z') });
  });

  it('within the tolerance is fine, and --now does not move the bound', async () => {
    const { sha } = pr(withLedger(triaged(), { at: '2025-08-03T12:14:00Z', by: 'bob', kind: 'note', text: 'Clock skew.' }));
    expect(errorsOf(await check(repo, sha))).toEqual([]);
    expect(errorsOf(await check(repo, sha, { now: '2025-08-03T08:00:00Z' }))).toEqual([]);
  });

  it('a new entry dated before the latest merged one is DATED_BEFORE_MERGED', async () => {
    const { sha, text } = pr(withLedger(triaged(), { at: '2025-08-03T06:20:00Z', by: 'bob', kind: 'note', text: 'Late note.' }));
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['DATED_BEFORE_MERGED']);
    expect(errorsOf(r)[0].line).toBe(lineOf(text, 'at: 2025-08-03T06:20:00Z'));
  });
});

describe('executive roll-up', () => {
  const sev1 = (extra: Obj = {}): Obj => ({
    id: 'INC-2025-0010', title: 'orders.fct_orders: revenue rows missing', severity: 'SEV1', status: 'detected', symptom: 'freshness',
    domain: 'orders', datasets: ['orders.fct_orders'], detected_at: '2025-08-03T11:00:00Z',
    updates: [{ at: '2025-08-03T11:30:00Z', audience: 'exec', stage: 'triage', text: 'Looking.' }], ...extra,
  });

  it('a SEV1 past its acknowledge box without an exec escalation is ROLLUP_MISSING', async () => {
    const { sha, text } = pr(sev1());
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['ROLLUP_MISSING']);
    expect(errorsOf(r)[0]).toMatchObject({ file: incidentPath('INC-2025-0010'), line: lineOf(text, 'severity: SEV1') });
  });

  it('an exec escalation within the box is legal; one after it is not', async () => {
    const ok = await check(repo, pr(sev1({ escalations: [{ at: '2025-08-03T11:10:00Z', to: 'exec:vp-data', reason: 'SEV1' }] })).sha);
    expect(errorsOf(ok)).toEqual([]);
    const late = pr(sev1({ escalations: [{ at: '2025-08-03T11:40:00Z', to: 'exec:vp-data', reason: 'SEV1' }] }));
    const r = await check(repo, late.sha);
    expect(codesOf(r)).toEqual(['ROLLUP_MISSING']);
    expect(errorsOf(r)[0].line).toBe(lineOf(late.text, 'at: 2025-08-03T11:40:00Z'));
  });

  it('is not due while the acknowledge box runs', async () => {
    const r = await check(repo, pr(sev1({ detected_at: '2025-08-03T12:00:00Z', updates: undefined })).sha);
    expect(errorsOf(r)).toEqual([]);
  });
});

describe('ownership and runbooks', () => {
  const teamsWithout = (id: string) => TEAMS.replace(new RegExp(`  - id: ${id}\\n(    .*\\n)+`), '');

  it('removing a team an open incident references is OWNERSHIP_IN_USE at its line in base', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => {
      r.write('ownership/teams.yaml', teamsWithout('finance'));
      r.write('ownership/domains/orders.yaml', DOMAIN.replace('consumers: [finance]', 'consumers: []'));
    });
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['OWNERSHIP_IN_USE']);
    const baseTeams = `${TEAMS}  - id: marketing\n`;
    expect(errorsOf(r)[0]).toMatchObject({ file: 'ownership/teams.yaml', line: lineOf(baseTeams, '- id: finance') });
    expect(errorsOf(r)[0].message).toContain('INC-2025-0001');
  });

  it('removing a runbook in use is OWNERSHIP_IN_USE; removing an unused team is legal', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => {
      r.remove('runbooks/late-partition.yaml');
      r.write('ownership/domains/orders.yaml', DOMAIN.replace('    runbooks: [late-partition]\n', ''));
    });
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['OWNERSHIP_IN_USE']);
    expect(errorsOf(r)[0]).toMatchObject({ file: 'runbooks/late-partition.yaml', line: 1 });

    const ok = branch(repo, `pr-${++n}`, (r) => r.write('ownership/teams.yaml', TEAMS));
    expect(errorsOf(await check(repo, ok))).toEqual([]);
  });

  it('finds the open incidents by a status scan when git grep is not offered', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => {
      r.remove('runbooks/late-partition.yaml');
      r.write('ownership/domains/orders.yaml', DOMAIN.replace('    runbooks: [late-partition]\n', ''));
    });
    const r = await check(repo, sha, { scan: true });
    expect(codesOf(r)).toEqual(['OWNERSHIP_IN_USE']);
    expect(errorsOf(r)[0].message).toMatch(/open incidents INC-2025-0001, INC-2025-0003, INC-2025-0004 still reference it/);
  });

  it('a dataset only closed incidents use may go', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => r.write('ownership/domains/orders.yaml', DOMAIN.replace(/  - id: orders\.dim_customers\n(    .*\n)+/, '')));
    expect(errorsOf(await check(repo, sha))).toEqual([]);
  });
});

describe('incident files', () => {
  it('deleting an incident is INCIDENT_DELETED, at its id in base', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => r.remove(P2));
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['INCIDENT_DELETED']);
    expect(errorsOf(r)[0]).toMatchObject({ file: P2, line: lineOf(yaml(closed()), 'id: INC-2025-0002') });
  });

  it('moving an incident file is INCIDENT_RENAMED', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => r.rename(P2, 'incidents/2024/INC-2025-0002.yaml'));
    const r = await check(repo, sha);
    expect(codesOf(r)).toContain('INCIDENT_RENAMED');
    expect(errorsOf(r).find((d) => d.code === 'INCIDENT_RENAMED')).toMatchObject({ file: 'incidents/2024/INC-2025-0002.yaml', line: 1 });
  });
});

describe('sign-off claims', () => {
  const closing = (signoff: Obj[]): Obj => ({
    ...verified(), status: 'closed', closed_at: '2025-08-03T12:05:00Z', signoff, review: { due: '2025-08-13' },
  });

  it('closing lists the required sign-offs with the members from base', async () => {
    const r = await check(repo, pr(closing([{ team: 'orders-data', by: 'bob', at: '2025-08-03T12:00:00Z' }])).sha);
    expect(errorsOf(r)).toEqual([]);
    expect(r.signoff_required).toEqual([
      { incident: 'INC-2025-0004', file: P4, team: 'orders-data', role: 'producer', members: ['alice', 'bob'], claimed_by: 'bob' },
    ]);
  });

  it('a PR cannot add its author to a team to sign', async () => {
    const sha = branch(repo, `pr-${++n}`, (r) => {
      r.write('ownership/teams.yaml', TEAMS.replace('members: [alice, bob]', 'members: [alice, bob, mallory]'));
      r.write(P4, yaml(closing([{ team: 'orders-data', by: 'mallory', at: '2025-08-03T12:00:00Z' }])));
    });
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['SIGNOFF_CLAIM']);
    const text = yaml(closing([{ team: 'orders-data', by: 'mallory', at: '2025-08-03T12:00:00Z' }]));
    expect(errorsOf(r)[0]).toMatchObject({ file: P4, line: lineOf(text, 'by: mallory') });
    expect(r.signoff_required[0]).toMatchObject({ members: ['alice', 'bob'], claimed_by: 'mallory' });
  });

  it('a missing sign-off is SIGNOFF_CLAIM', async () => {
    const { sha, text } = pr(closing([]));
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['SIGNOFF_CLAIM']);
    expect(errorsOf(r)[0].line).toBe(lineOf(text, 'signoff:'));
    expect(r.signoff_required[0].claimed_by).toBeNull();
  });
});

describe('waiver claims', () => {
  it('a waiver with an unknown rule or an approver unknown in base is WAIVER_CLAIM', async () => {
    const inc = withLedger(triaged(), { at: '2025-08-03T12:00:00Z', by: 'bob', kind: 'note', text: 'Waivers.' });
    inc.waivers = [
      { rule: 'NOT_A_CODE', reason: 'x', approved_by: 'alice' },
      { rule: 'ROLLUP_MISSING', reason: 'y', approved_by: 'vera' },
      { rule: 'STATUS_REQUIREMENT', reason: 'z', approved_by: 'alice' },
    ];
    const { sha, text } = pr(inc);
    const r = await check(repo, sha);
    expect(codesOf(r)).toEqual(['WAIVER_CLAIM', 'WAIVER_CLAIM']);
    expect(errorsOf(r).map((d) => d.line)).toEqual([lineOf(text, 'rule: NOT_A_CODE'), lineOf(text, 'rule: STATUS_REQUIREMENT')]);
    expect(r.waivers_required.map((w) => [w.rule, w.added, w.used])).toEqual([
      ['NOT_A_CODE', true, false], ['ROLLUP_MISSING', true, false], ['STATUS_REQUIREMENT', true, false],
    ]);
  });
});

describe('time boxes', () => {
  it('an open incident the PR touches past its boxes gets warnings naming the escalation', async () => {
    const { sha, text } = pr(withLedger(triaged(), { at: '2025-08-03T12:00:00Z', by: 'bob', kind: 'note', text: 'Still on it.' }));
    const r = await check(repo, sha, { now: '2025-08-03T20:00:00Z' });
    expect(errorsOf(r)).toEqual([]);
    expect(r.overruns.map((o) => [o.box, o.overdue_by, o.escalation?.level])).toEqual([
      ['contain', 'PT10H', 2],
      ['update_every', 'PT7H', 2],
    ]);
    expect(r.overruns[0]).toMatchObject({
      incident: 'INC-2025-0001', due: '2025-08-03T10:00:00Z', from: 'detected_at',
      escalation: { policy: 'critical', team: 'orders-data', via: 'producer', notify: ['team:orders-data', 'exec:vp-data'], logins: ['vera'], github_teams: ['@acme/orders-data'] },
    });
    const warnings = r.diagnostics.filter((d) => d.code === 'TIMEBOX_OVERRUN');
    expect(warnings.map((w) => w.line)).toEqual([lineOf(text, 'detected_at:'), lineOf(text, 'at: 2025-08-03T11:00:00Z')]);
    expect(warnings[0].message).toMatch(/contain box \(PT4H from detected_at\) is overdue by 10h 00m.*level 2 of policy critical.*exec:vp-data \(@vera\)/);
  });
});

describe('an incident repo in a subfolder of the git repository', () => {
  it('reads paths relative to the incident repo, and finds open incidents there', async () => {
    const sub = createBaseRepo(() => {}, { prefix: 'ops/incidents/' });
    try {
      const sha = branch(sub, 'pr', (r) => {
        r.write('ops/incidents/ownership/teams.yaml', TEAMS.replace(/  - id: finance\n(    .*\n)+/, ''));
        r.write('ops/incidents/ownership/domains/orders.yaml', DOMAIN.replace('consumers: [finance]', 'consumers: []'));
        r.write('ops/incidents/incidents/2025/INC-2025-0001.yaml', yaml({ ...triaged(), title: 'orders.fct_orders: partition late' }));
        r.write('README.md', 'Changed outside the incident repo.\n');
      });
      const r = await check(sub, sha, { dir: `${sub.dir}/ops/incidents` });
      expect(r.changed.map((f) => f.path).sort()).toEqual([P1, 'ownership/domains/orders.yaml', 'ownership/teams.yaml']);
      // The incident the PR touches still names finance in impact.consumers: validate says so too.
      expect(errorsOf(r).map((d) => `${d.code} ${d.file}`)).toEqual([`REF_TEAM ${P1}`, 'OWNERSHIP_IN_USE ownership/teams.yaml']);
      expect(errorsOf(r)[1].line).toBe(lineOf(TEAMS, '- id: finance'));
    } finally {
      sub.cleanup();
    }
  });
});
