/**
 * A small incident repo for the change checks, committed as real git history: `main` holds the
 * base; each test makes a PR branch from it with its own commit, then checks base → branch.
 */
import { stringify } from 'yaml';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { openPullRequestChange } from '../../src/git/pull-request-change.js';
import { checkChange, type CheckChangeResult } from '../../src/core/check/index.js';

export const BASE_DATE = '2025-08-03T12:00:00Z';

const CONFIG = `version: 1
admins: platform
taxonomy:
  severities:
    - id: SEV1
      name: Critical
      description: Critical.
      time_boxes: { acknowledge: PT15M, contain: PT2H, resolve: PT12H, update_every: PT1H, review_within: P5D }
      signoff: [producer, platform, owner]
      review_required: true
    - id: SEV2
      name: Major
      description: Major.
      time_boxes: { acknowledge: PT30M, contain: PT4H, resolve: P1D, update_every: PT2H, review_within: P10D }
      signoff: [producer, owner]
      review_required: true
    - id: SEV3
      name: Minor
      description: Minor.
      time_boxes: { acknowledge: PT2H, contain: P1D, resolve: P3D, update_every: PT8H, review_within: P14D }
      signoff: [producer]
      review_required: false
  symptoms:
    - { id: freshness, name: Late data }
  impact_categories: []
  root_cause_categories:
    - { id: pipeline-bug, name: Pipeline bug }
rollup:
  severities: [SEV1]
  external_impact: true
  contract_breach: false
clock_tolerance: PT5M
incidents:
  allow_delete: false
`;

export const TEAMS = `teams:
  - id: orders-data
    name: Orders Data
    github: "@acme/orders-data"
    members: [alice, bob]
    leads: [alice]
    oncall:
      rotation:
        - { login: bob, from: 2025-01-01T00:00:00Z }
    escalation: critical
  - id: platform
    name: Platform
    github: "@acme/platform"
    members: [pat, quinn]
    escalation: standard
  - id: finance
    name: Finance
    github: "@acme/finance"
    members: [fin]
`;

const ESCALATION = `policies:
  - id: standard
    levels:
      - { after: PT0M, notify: [oncall:platform] }
      - { after: PT1H, notify: [team:platform] }
  - id: critical
    levels:
      - { after: PT0M, notify: [oncall:orders-data] }
      - { after: PT30M, notify: [team:orders-data, exec:vp-data] }
executives:
  - { id: vp-data, name: Vera, login: vera }
vendors: []
`;

export const DOMAIN = `domain: { id: orders, name: Orders, owner: orders-data, steward: alice }
datasets:
  - id: orders.fct_orders
    tier: 1
    producer: orders-data
    consumers: [finance]
    platform: platform
    runbooks: [late-partition]
  - id: orders.dim_customers
    tier: 2
    producer: orders-data
    consumers: []
    platform: platform
`;

export const RUNBOOK = `id: late-partition
title: Late partition
owner: orders-data
applies_to: { symptoms: [freshness] }
stages:
  triage: { steps: [{ action: Check the loader, role: owner }], evidence: [hypothesis] }
  containment: { steps: [{ action: Pause consumers, role: producer }], evidence: [change] }
  root_cause: { steps: [{ action: Find the cause, role: producer }], evidence: [evidence] }
  remediation: { steps: [{ action: Fix it, role: producer }] }
  verification: { steps: [{ action: Compare to baseline, role: verifier }] }
  closure: { steps: [{ action: Close, role: owner }] }
`;

type Obj = Record<string, unknown>;

/** An incident at `triaged`, with a ledger and updates, as an object to tweak. */
export function triaged(id = 'INC-2025-0001'): Obj {
  return {
    id,
    title: 'orders.fct_orders: daily partition missing since 02:00 UTC',
    severity: 'SEV2',
    status: 'triaged',
    symptom: 'freshness',
    domain: 'orders',
    datasets: ['orders.fct_orders'],
    impact: { summary: 'Finance dashboards are stale.', consumers: ['finance'] },
    started_at: '2025-08-03T02:00:00Z',
    detected_at: '2025-08-03T06:00:00Z',
    acknowledged_at: '2025-08-03T06:10:00Z',
    roles: { owner: 'alice' },
    channel: '#inc-2025-0001',
    runbook: 'late-partition',
    ledger: [
      { at: '2025-08-03T06:15:00Z', by: 'alice', kind: 'hypothesis', text: 'The loader job is stuck.' },
      { at: '2025-08-03T06:30:00Z', by: 'bob', kind: 'note', text: 'Loader restarted once already.' },
    ],
    updates: [
      { at: '2025-08-03T06:20:00Z', audience: 'consumers', stage: 'triage', text: 'Investigating.' },
      { at: '2025-08-03T11:00:00Z', audience: 'consumers', stage: 'triage', text: 'Still investigating.' },
    ],
  };
}

/** The same incident moved to contained, with what contained requires. */
export function contained(id = 'INC-2025-0001'): Obj {
  const inc = triaged(id);
  inc.status = 'contained';
  inc.contained_at = '2025-08-03T11:30:00Z';
  inc.mitigations = [{ id: 'M1', action: 'Paused the finance refresh.', reversible: false, applied_at: '2025-08-03T11:20:00Z' }];
  (inc.ledger as Obj[]).push({ at: '2025-08-03T11:25:00Z', by: 'bob', kind: 'change', text: 'Paused the finance refresh.' });
  return inc;
}

/** A closed SEV3 incident, complete. */
export function closed(id = 'INC-2025-0002'): Obj {
  return {
    id,
    title: 'orders.dim_customers: duplicated rows after backfill',
    severity: 'SEV3',
    status: 'closed',
    symptom: 'freshness',
    domain: 'orders',
    datasets: ['orders.dim_customers'],
    impact: { summary: 'Counts were doubled.' },
    started_at: '2025-07-01T00:00:00Z',
    detected_at: '2025-07-01T06:00:00Z',
    acknowledged_at: '2025-07-01T06:30:00Z',
    contained_at: '2025-07-01T07:00:00Z',
    remediated_at: '2025-07-01T09:00:00Z',
    resolved_at: '2025-07-01T10:00:00Z',
    closed_at: '2025-07-02T10:00:00Z',
    roles: { owner: 'bob' },
    channel: '#inc-2025-0002',
    runbook: 'late-partition',
    ledger: [
      { at: '2025-07-01T06:35:00Z', by: 'bob', kind: 'hypothesis', text: 'Backfill ran twice.' },
      { at: '2025-07-01T06:50:00Z', by: 'bob', kind: 'change', text: 'Hid the table.' },
      { at: '2025-07-01T08:00:00Z', by: 'bob', kind: 'evidence', text: 'Two runs in the scheduler log.' },
    ],
    mitigations: [{ id: 'M1', action: 'Hid the table.', reversible: false, applied_at: '2025-07-01T06:55:00Z' }],
    root_cause: { summary: 'Backfill ran twice.', category: 'pipeline-bug' },
    remediation: [{ action: 'Deduplicated.', owner: 'orders-data', status: 'done', done_at: '2025-07-01T09:00:00Z' }],
    verification: [{ check: 'Row counts', passed: true, evidence: 'query 42' }],
    signoff: [{ team: 'orders-data', by: 'alice', at: '2025-07-02T09:00:00Z' }],
  };
}

export function yaml(inc: Obj): string {
  return stringify(inc, { lineWidth: 0 });
}

export function incidentPath(id: string): string {
  return `incidents/${id.split('-')[1]}/${id}.yaml`;
}

/** The base repo: config, ownership, a runbook, one triaged and one closed incident, on `main` (under `prefix` when given). */
export function createBaseRepo(extra: (repo: FixtureRepo) => void = () => {}, opts: { prefix?: string } = {}): FixtureRepo {
  const repo = createFixtureRepo({ startDate: '2025-08-03T11:00:00Z' });
  const at = opts.prefix ?? '';
  repo.write(`${at}sitrep.config.yaml`, CONFIG);
  repo.write(`${at}ownership/teams.yaml`, TEAMS);
  repo.write(`${at}ownership/escalation.yaml`, ESCALATION);
  repo.write(`${at}ownership/domains/orders.yaml`, DOMAIN);
  repo.write(`${at}runbooks/late-partition.yaml`, RUNBOOK);
  repo.write(`${at}${incidentPath('INC-2025-0001')}`, yaml(triaged()));
  repo.write(`${at}${incidentPath('INC-2025-0002')}`, yaml(closed()));
  repo.write('README.md', 'Not part of the incident repo.\n');
  extra(repo);
  repo.commit('base', { date: BASE_DATE });
  return repo;
}

/** Makes branch `name` from main with `edit` applied, committed at `date` (default 12:10Z). */
export function branch(repo: FixtureRepo, name: string, edit: (repo: FixtureRepo) => void, date = '2025-08-03T12:10:00Z'): string {
  repo.checkout('main');
  repo.checkout(name, { create: true });
  edit(repo);
  const sha = repo.commit(name, { date });
  repo.checkout('main');
  return sha;
}

/** Runs the change checks of main → `head` straight from git. */
/** `scan`: find open incidents by the core's own status scan instead of `git grep`. */
export async function check(repo: FixtureRepo, head: string, opts: { now?: string; dir?: string; scan?: boolean } = {}): Promise<CheckChangeResult> {
  const change = await openPullRequestChange(opts.dir ?? repo.dir, 'main', head);
  try {
    const headTime = Date.parse(change.head.time);
    return await checkChange(change.base.source, change.head.source, change.changed, {
      now: opts.now ? Date.parse(opts.now) : headTime, headTime, ...(opts.scan ? {} : { findOpenIncidents: change.openCandidates }),
    });
  } finally {
    await change.close();
  }
}

/** 1-based line of the first line of `text` that contains `needle` (after line `after`). */
export function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}

export const errorsOf = (r: CheckChangeResult) => r.diagnostics.filter((d) => d.severity === 'error');
export const codesOf = (r: CheckChangeResult) => errorsOf(r).map((d) => d.code);

/** INC-2025-0004: a SEV2 incident at verified, ready to close but for its sign-off and review. */
export function verified(id = 'INC-2025-0004'): Obj {
  const inc = contained(id);
  Object.assign(inc, {
    status: 'verified',
    channel: `#${id.toLowerCase()}`,
    remediated_at: '2025-08-03T11:40:00Z',
    resolved_at: '2025-08-03T11:50:00Z',
    root_cause: { summary: 'Loader deadlock.', category: 'pipeline-bug' },
    remediation: [{ action: 'Patched the loader.', owner: 'orders-data', status: 'done', done_at: '2025-08-03T11:40:00Z' }],
    verification: [{ check: 'Partition row count', passed: true, evidence: 'query 7' }],
  });
  (inc.ledger as Obj[]).push({ at: '2025-08-03T11:35:00Z', by: 'alice', kind: 'evidence', text: 'Deadlock in the loader log.' });
  (inc.updates as Obj[]).push({ at: '2025-08-03T11:55:00Z', audience: 'consumers', stage: 'verification', text: 'Data is correct again.' });
  return inc;
}
