/**
 * The authoring commands as a user runs them, on a real git repo: each writes a file that passes
 * `validate` and `check` against the commit before, keeps the file's comments, and refuses (exit 1,
 * nothing written) what the lifecycle or the repo does not allow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { miniIncident, miniRepoFiles } from '../support/mini-repo.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';

let repo: FixtureRepo;
let clock = Date.parse('2025-08-03T06:00:00Z');

const ENV = { SITREP_USER: 'carol' };
function sitrep(args: string[], env: Record<string, string> = ENV) {
  const r = runCli(args, { cwd: repo.dir, env });
  expect(hasStackTrace(r.stdout + r.stderr), r.stderr).toBe(false);
  return r;
}
/** Runs an edit at the next minute, commits it a minute later, and checks it against the commit before. */
function step(args: string[], env: Record<string, string> = ENV) {
  clock += 60_000;
  const at = new Date(clock).toISOString().replace('.000', '');
  const r = sitrep([...args, '--at', at], env);
  expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  clock += 60_000;
  repo.commit(args.slice(0, 2).join(' '), { date: new Date(clock).toISOString() });
  // check validates the changed files too (every rule but the status requirements, which it checks as transitions).
  const c = sitrep(['check', '--base', 'HEAD~1', '--now', new Date(clock).toISOString()]);
  expect(c.code, `check after ${args.join(' ')}\n${c.stdout}${c.stderr}`).toBe(0);
  return r;
}
/** A refused edit: exit 1, and the working tree is unchanged. */
function refused(args: string[], env: Record<string, string> = ENV) {
  const before = repo.git(['status', '--porcelain']);
  const r = sitrep(args, env);
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(repo.git(['status', '--porcelain'])).toBe(before);
  return r;
}
const file = (id: string) => readFileSync(join(repo.dir, `incidents/2025/${id}.yaml`), 'utf8');
const data = (id: string) => parse(file(id));

beforeAll(() => {
  repo = createFixtureRepo({ startDate: '2025-08-01T00:00:00Z' });
  for (const [p, text] of Object.entries(miniRepoFiles())) repo.write(p, text);
  repo.write('incidents/2025/INC-2025-0007.yaml', miniIncident('INC-2025-0007', `title: "sales.raw_orders: volume"
severity: SEV3
status: detected
symptom: volume
domain: sales
datasets: [sales.raw_orders]
detected_at: 2025-08-01T06:00:00Z
`));
  repo.commit('the repo', { date: '2025-08-03T05:00:00Z' });
});
afterAll(() => repo.cleanup());

describe('sitrep new', () => {
  it('takes the next id, the runbook, the on-call owner and the channel, and prints the first checklist', () => {
    const r = step(['new', '--domain', 'sales', '--dataset', 'sales.fct_orders', '--symptom', 'freshness', '--severity', 'SEV2', 'sales.fct_orders: partition missing since 02:00']);
    expect(r.stdout).toContain('INC-2025-0008: declared SEV2 freshness on sales.fct_orders (status detected)');
    expect(r.stdout).toContain('owner:   carol (on call for orders)');
    expect(r.stdout).toContain('runbook: late-partition (symptom freshness, domain sales, listed by the dataset)');
    expect(r.stdout).toContain('Late partition (late-partition): triage\n  [ ] Confirm the lag against the contract.  (owner)\n  [ ] Check the scheduler.  (platform)');
    expect(r.stdout).toContain('sitrep log INC-2025-0008 --kind hypothesis');
    expect(data('INC-2025-0008')).toEqual({
      id: 'INC-2025-0008', title: 'sales.fct_orders: partition missing since 02:00', severity: 'SEV2', status: 'detected',
      symptom: 'freshness', domain: 'sales', datasets: ['sales.fct_orders'], detected_at: '2025-08-03T06:01:00Z',
      roles: { owner: 'carol' }, channel: '#inc-2025-0008', runbook: 'late-partition',
    });
    expect(file('INC-2025-0008')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schemas\/incident\.schema\.json\n/);
  }, 240_000);

  it('names no owner for a pager-only producer, and says so; picks the runbook that names the dataset', () => {
    const r = sitrep(['new', '--domain', 'sales', '--dataset', 'sales.revenue', '--symptom', 'volume', '--severity', 'SEV3', '--at', '2025-08-03T06:30:00Z', '--dry-run', 'revenue: short']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('finance has no on-call rotation');
    expect(r.stdout).toContain('runbook: volume-drop (symptom volume, dataset sales.revenue)');
    expect(r.stdout).toContain('(dry run, not written)');
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('reminds of the executive roll-up for a severity that needs it', () => {
    const r = sitrep(['new', '--domain', 'sales', '--dataset', 'sales.fct_orders', '--symptom', 'freshness', '--severity', 'SEV1', '--at', '2025-08-03T06:30:00Z', '--dry-run', 'x: y']);
    expect(r.stdout).toContain('rolls up to an executive (severity SEV1 always rolls up): escalate by 2025-08-03T06:45:00Z');
    expect(r.stdout).toContain('sitrep escalate INC-2025-0009 --to exec:vp-data');
  });

  it('refuses what would not validate, and usage errors exit 2', () => {
    const r = refused(['new', '--domain', 'sales', '--dataset', 'sales.fct_ordrs', '--symptom', 'freshness', '--severity', 'SEV2', 'x: y']);
    expect(r.stderr).toContain('REF_DATASET');
    expect(r.stderr).toContain('did you mean `sales.fct_orders`');
    expect(sitrep(['new', '--domain', 'sales', '--symptom', 'freshness', '--severity', 'SEV2', 'x']).code).toBe(2);
    expect(sitrep(['new', '--domain', 'sales', '--dataset', 'sales.fct_orders', '--symptom', 'freshness', '--severity', 'SEV2']).code).toBe(2);
  }, 240_000);
});

describe('sitrep status', () => {
  it('refuses to close a new incident, listing what is missing', () => {
    const r = refused(['status', 'INC-2025-0008', 'closed']);
    expect(r.stderr).toContain('INC-2025-0008 may not move from detected to closed yet');
    for (const s of ['skipping triaged, contained, remediated, verified needs a waiver for each', 'status triaged needs an `impact`',
      'status contained needs a mitigation with `applied_at`', 'status remediated needs a `root_cause`', 'status verified needs `verification` checks',
      'status closed needs `started_at`', 'status closed needs a sign-off from team orders (producer)', 'severity SEV2 needs a post-incident `review`',
      'leaving the triage stage needs ledger entries of kind hypothesis']) {
      expect(r.stderr).toContain(s);
    }
  }, 240_000);

  it('moves one stage once its requirements and the runbook evidence are there', () => {
    expect(refused(['status', 'INC-2025-0008', 'triaged']).stderr).toContain('status triaged needs an `impact`');
    step(['log', 'INC-2025-0008', '--kind', 'hypothesis', '--link', 'https://airflow.example.com/run/1', 'The 02:00 run never started.']);
    step(['impact', 'INC-2025-0008', 'Finance reports show no orders for Aug 2.', '--consumer', 'finance']);
    const r = step(['status', 'INC-2025-0008', 'triaged']);
    expect(r.stdout).toContain('status: detected → triaged; acknowledged_at = 2025-08-03T06:');
    expect(r.stdout).toContain('Next stage, as a checklist:\nLate partition (late-partition): containment');
    expect(data('INC-2025-0008')).toMatchObject({
      status: 'triaged',
      impact: { summary: 'Finance reports show no orders for Aug 2.', consumers: ['finance'] },
      ledger: [{ by: 'carol', kind: 'hypothesis', text: 'The 02:00 run never started.', links: ['https://airflow.example.com/run/1'] }],
    });
  }, 240_000);

  it('refuses a time before the stage before it', () => {
    const r = refused(['status', 'INC-2025-0008', 'contained', '--at', '2025-08-03T05:00:00Z']);
    expect(r.stderr).toContain('contained_at would be 2025-08-03T05:00:00Z, before detected_at');
  });

  it('moves back only with a reason, which becomes a decision entry, and removes the later timestamps', () => {
    expect(refused(['status', 'INC-2025-0008', 'detected']).stderr).toContain('needs a reason');
    step(['status', 'INC-2025-0008', 'detected', '--reason', 'Not acknowledged after all: wrong owner.']);
    const d = data('INC-2025-0008');
    expect(d.status).toBe('detected');
    expect(d.acknowledged_at).toBeUndefined();
    expect(d.ledger.at(-1)).toMatchObject({ kind: 'decision', by: 'carol', text: 'Not acknowledged after all: wrong owner.' });
    step(['set', 'INC-2025-0008', '--owner', 'bob', '--comms', 'alice']);
    step(['status', 'INC-2025-0008', 'triaged']);
    expect(data('INC-2025-0008').roles).toEqual({ owner: 'bob', comms: 'alice' });
  }, 240_000);
});

describe('the other sections', () => {
  it('mitigations: refused without a rollback plan, then added, applied and rolled back, each logged', () => {
    const r = refused(['mitigate', 'INC-2025-0008', 'add', '--reversible', 'Pin dashboards to Aug 1.']);
    expect(r.stderr).toContain('MITIGATION_ROLLBACK');
    step(['mitigate', 'INC-2025-0008', 'add', '--reversible', '--rollback', 'Unpin them.', '--pre', 'Aug 1 complete', '--post', 'Dashboards show Aug 1', '--assessment', 'Dashboards lag a day', 'Pin dashboards to Aug 1.']);
    step(['mitigate', 'INC-2025-0008', 'apply', 'M1']);
    expect(refused(['mitigate', 'INC-2025-0008', 'apply', 'M1']).stderr).toContain('already applied');
    expect(refused(['mitigate', 'INC-2025-0008', 'rollback', 'M2']).stderr).toContain('has no mitigation M2');
    expect(data('INC-2025-0008').mitigations).toEqual([{
      id: 'M1', action: 'Pin dashboards to Aug 1.', reversible: true, rollback: 'Unpin them.', preconditions: ['Aug 1 complete'],
      postconditions: ['Dashboards show Aug 1'], impact_assessment: 'Dashboards lag a day', applied_at: expect.stringMatching(/^2025-08-03T/),
    }]);
    expect(data('INC-2025-0008').ledger.at(-1)).toMatchObject({ kind: 'change', text: 'Applied mitigation M1: Pin dashboards to Aug 1.' });
    step(['update', 'INC-2025-0008', '--audience', 'consumers', 'Dashboards pinned to Aug 1; next update at 10:00.']);
    expect(data('INC-2025-0008').updates).toEqual([expect.objectContaining({ audience: 'consumers', stage: 'containment', by: 'carol' })]);
    step(['status', 'INC-2025-0008', 'contained']);
  }, 240_000);

  it('root cause, remediation, verification', () => {
    expect(refused(['root-cause', 'INC-2025-0008', 'Scheduler lost its database.']).stderr).toContain('needs a summary and a category');
    step(['log', 'INC-2025-0008', '--kind', 'evidence', 'Scheduler log: database connection lost at 01:58.']);
    step(['root-cause', 'INC-2025-0008', 'Scheduler lost its database.', '--category', 'infrastructure', '--entered-at', 'sales.fct_orders']);
    step(['remediation', 'INC-2025-0008', 'add', 'Re-run and backfill Aug 2.', '--owner', 'orders']);
    step(['remediation', 'INC-2025-0008', 'done', '1', '--link', 'https://github.com/acme/pipelines/pull/7']);
    expect(refused(['remediation', 'INC-2025-0008', 'done', '2']).stderr).toContain('has no remediation action 2');
    step(['status', 'INC-2025-0008', 'remediated']);
    step(['verify', 'INC-2025-0008', '--passed', '--baseline', '4-week median 1.2M', '--result', '1.19M', '--evidence', 'https://warehouse.example.com/q/1', 'Row count of Aug 2 within 2%.']);
    step(['mitigate', 'INC-2025-0008', 'rollback', 'M1']);
    step(['status', 'INC-2025-0008', 'verified']);
    expect(data('INC-2025-0008')).toMatchObject({
      root_cause: { summary: 'Scheduler lost its database.', category: 'infrastructure', entered_at: 'sales.fct_orders' },
      remediation: [{ action: 'Re-run and backfill Aug 2.', owner: 'orders', status: 'done', link: 'https://github.com/acme/pipelines/pull/7' }],
      verification: [{ check: 'Row count of Aug 2 within 2%.', passed: true, evidence: 'https://warehouse.example.com/q/1', by: 'carol' }],
    });
  }, 240_000);

  it('sign-off, escalation, review; then close, and closed is frozen except for the review', () => {
    expect(refused(['signoff', 'INC-2025-0008', '--team', 'orders', '--by', 'pat']).stderr).toContain('pat cannot sign off for orders');
    const s = step(['signoff', 'INC-2025-0008', '--team', 'orders', '--by', 'alice']);
    expect(s.stdout).toContain("the gate checks alice's approval");
    step(['escalate', 'INC-2025-0008', '--to', 'team:platform', '--to', 'user:pat', 'Scheduler database needs a failover.']);
    step(['set', 'INC-2025-0008', '--started-at', '2025-08-03T01:58:00Z']);
    step(['review', 'INC-2025-0008', 'schedule', '--due', '2025-08-10', '--facilitator', 'alice']);
    step(['log', 'INC-2025-0008', '--kind', 'decision', 'Close: the data is trusted again.']);
    step(['status', 'INC-2025-0008', 'closed']);
    expect(refused(['log', 'INC-2025-0008', '--kind', 'note', 'late note']).stderr).toContain('frozen except for its review');
    step(['review', 'INC-2025-0008', 'held']);
    step(['review', 'INC-2025-0008', 'learn', 'Alert on the scheduler heartbeat, not only on freshness.']);
    step(['review', 'INC-2025-0008', 'action', '--owner', 'platform', '--due', '2025-08-31', '--type', 'detect', 'Heartbeat alert on the scheduler.']);
    step(['review', 'INC-2025-0008', 'done', 'A1']);
    expect(data('INC-2025-0008')).toMatchObject({
      status: 'closed',
      escalations: [{ to: 'team:platform', by: 'carol' }, { to: 'user:pat' }],
      review: { due: '2025-08-10', facilitator: 'alice', learnings: ['Alert on the scheduler heartbeat, not only on freshness.'], action_items: [{ id: 'A1', status: 'done' }] },
    });
  }, 240_000);

  it('waivers let a stage be skipped', () => {
    step(['waive', 'INC-2025-0007', '--stage', 'triaged', '--approved-by', 'alice', 'False alarm found at once.']);
    expect(data('INC-2025-0007').waivers).toEqual([{ rule: 'LIFECYCLE_SKIP', stage: 'triaged', reason: 'False alarm found at once.', approved_by: 'alice' }]);
    expect(sitrep(['waive', 'INC-2025-0007', '--rule', 'TIME_ORDER', '--approved-by', 'alice', 'x']).code).toBe(2);
    const d = refused(['status', 'INC-2025-0007', 'declined']);
    expect(d.stderr).toContain('needs a ledger `decision` entry');
    step(['status', 'INC-2025-0007', 'declined', '--reason', 'The monitor counted a test partition.']);
    expect(data('INC-2025-0007')).toMatchObject({ status: 'declined', ledger: [{ kind: 'decision', text: 'The monitor counted a test partition.' }] });
  }, 240_000);
});

describe('who and where', () => {
  let id = '';
  it('takes the login from git config when --by and SITREP_USER are not given', () => {
    const r = step(['new', '--domain', 'sales', '--dataset', 'sales.raw_orders', '--symptom', 'volume', '--severity', 'SEV3', 'sales.raw_orders: half the rows']);
    id = /(INC-2025-\d{4}): declared/.exec(r.stdout)![1];
    repo.git(['config', 'user.email', '12345+bob@users.noreply.github.com']);
    expect(sitrep(['log', id, '--kind', 'note', '--dry-run', 'x'], { SITREP_USER: '' }).stdout).toContain('ledger: note by bob');
    repo.git(['config', 'sitrep.user', 'alice']);
    expect(sitrep(['log', id, '--kind', 'note', '--dry-run', 'x'], { SITREP_USER: '' }).stdout).toContain('ledger: note by alice');
    repo.git(['config', '--unset', 'sitrep.user']);
    repo.git(['config', 'user.email', 'fixture@example.com']);
  }, 120_000);

  it('refuses an unknown incident and an unknown actor', () => {
    expect(refused(['log', 'INC-2025-0999', '--kind', 'note', 'x']).stderr).toContain('no incident INC-2025-0999');
    expect(refused(['log', id, '--kind', 'note', 'x'], { SITREP_USER: '' }).stderr).toContain('needs to know who you are');
    expect(refused(['log', id, '--kind', 'note', 'x'], { SITREP_USER: 'mallory' }).stderr).toContain('REF_LOGIN');
  }, 60_000);

  it('refuses a file that does not parse, without a stack trace', () => {
    const path = `incidents/2025/${id}.yaml`;
    const good = readFileSync(join(repo.dir, path), 'utf8');
    repo.write(path, `${good}ledger: [unclosed\n`);
    try {
      const r = sitrep(['log', id, '--kind', 'note', 'x']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path} cannot be edited: the YAML does not parse`);
    } finally {
      repo.write(path, good);
    }
  }, 60_000);
});

describe('sitrep drill', () => {
  it('creates an incident marked drill: true from a runbook, checked like any other', () => {
    const r = step(['drill', '--runbook', 'late-partition'], { SITREP_USER: 'pat' });
    expect(r.stdout).toContain('drill of runbook late-partition on sales.fct_orders (SEV3 freshness, drill: true)');
    const id = /(INC-2025-\d{4}): drill/.exec(r.stdout)![1];
    expect(data(id)).toMatchObject({ drill: true, runbook: 'late-partition', datasets: ['sales.fct_orders'], severity: 'SEV3', title: '[drill] sales.fct_orders: Late partition', roles: { owner: 'carol' } });
    const v = step(['drill', '--runbook', 'volume-drop', '--severity', 'SEV2', 'Rehearse the revenue volume runbook'], { SITREP_USER: 'pat' });
    expect(v.stdout).toContain('on sales.revenue (SEV2 volume, drill: true)');
    expect(refused(['drill', '--runbook', 'nope']).stderr).toContain('no runbook nope');
    const all = sitrep(['validate']);
    expect(all.code, all.stdout).toBe(0);
    expect(all.stdout).toContain('0 errors, 0 warnings');
  }, 240_000);
});
