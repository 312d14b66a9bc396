/**
 * The metrics fixture: seven incidents and one drill, in a real git repo whose history has one
 * reopen (INC-2025-0002) and one drill reopen (INC-2025-0006). Every expected value in
 * metrics.test.ts was computed by hand from these files; the comments give the arithmetic's inputs.
 */
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { ALICE, BOB, writeBase, yamlOf } from '../history/incident-repo.js';

export const NOW = '2025-10-01T00:00:00Z';

const common = { symptom: 'freshness', domain: 'orders', title: 'orders: late data' };

/** H: SEV2, closed. ttd 1h, ack 20m, contain 1h, resolve 6h. Cadence: gaps 30m, 1h30, 2h, 1h45, 1h15 → met. */
export const H = {
  ...common, id: 'INC-2024-0001', severity: 'SEV2', status: 'closed', datasets: ['orders.fct_orders'],
  started_at: '2024-11-30T23:00:00Z', detected_at: '2024-12-01T00:00:00Z', acknowledged_at: '2024-12-01T00:20:00Z',
  contained_at: '2024-12-01T01:00:00Z', remediated_at: '2024-12-01T05:00:00Z', resolved_at: '2024-12-01T06:00:00Z', closed_at: '2024-12-01T07:00:00Z',
  root_cause: { summary: 'Bug.', category: 'pipeline-bug' },
  updates: ['2024-12-01T00:30:00Z', '2024-12-01T02:00:00Z', '2024-12-01T04:00:00Z', '2024-12-01T05:45:00Z'].map((at) => ({ at, audience: 'consumers', stage: 'triage', text: 'Update.' })),
};

/** G: SEV2, closed. ttd 30m, ack 20m, contain 1h, resolve 4h. Last update 13:00 → close next day 08:00: cadence missed. Review held late. */
export const G = {
  ...common, id: 'INC-2025-0007', severity: 'SEV2', status: 'closed', datasets: ['orders.fct_orders'],
  started_at: '2025-07-10T07:30:00Z', detected_at: '2025-07-10T08:00:00Z', acknowledged_at: '2025-07-10T08:20:00Z',
  contained_at: '2025-07-10T09:00:00Z', remediated_at: '2025-07-10T11:00:00Z', resolved_at: '2025-07-10T12:00:00Z', closed_at: '2025-07-11T08:00:00Z',
  root_cause: { summary: 'Source down.', category: 'upstream-outage' },
  updates: ['2025-07-10T09:00:00Z', '2025-07-10T11:00:00Z', '2025-07-10T13:00:00Z'].map((at) => ({ at, audience: 'internal', stage: 'triage', text: 'Update.' })),
  // closed + P10D = 07-21T08:00; held 07-25: missed.
  review: {
    due: '2025-07-21', held_at: '2025-07-25T10:00:00Z',
    action_items: [{ id: 'A1', action: 'Alert.', owner: 'orders-data', due: '2025-07-31', status: 'done', done_at: '2025-07-31T23:30:00Z', type: 'detect' }],
  },
};

/** A: SEV1, closed. ttd 3h (contract PT2H: detect breach), ack 10m, contain 1h, resolve 5h. Cadence met. Review met. */
export const A = {
  ...common, id: 'INC-2025-0001', severity: 'SEV1', status: 'closed', datasets: ['orders.fct_orders'],
  started_at: '2025-08-01T00:00:00Z', detected_at: '2025-08-01T03:00:00Z', acknowledged_at: '2025-08-01T03:10:00Z',
  contained_at: '2025-08-01T04:00:00Z', remediated_at: '2025-08-01T06:00:00Z', resolved_at: '2025-08-01T08:00:00Z', closed_at: '2025-08-01T09:00:00Z',
  root_cause: { summary: 'Bug.', category: 'pipeline-bug' },
  updates: ['03:30', '04:20', '05:15', '06:10', '07:05', '08:00', '08:55'].map((t) => ({ at: `2025-08-01T${t}:00Z`, audience: 'consumers', stage: 'triage', text: 'Update.' })),
  review: {
    due: '2025-08-06', held_at: '2025-08-05T10:00:00Z',
    action_items: [
      { id: 'A1', action: 'On time (same day).', owner: 'orders-data', due: '2025-08-20', status: 'done', done_at: '2025-08-20T15:00:00Z', type: 'prevent' },
      { id: 'A2', action: 'Late.', owner: 'orders-data', due: '2025-08-10', status: 'done', done_at: '2025-08-12T09:00:00Z', type: 'detect' },
      { id: 'A3', action: 'Overdue.', owner: 'orders-data', due: '2025-09-15', status: 'open', type: 'process' },
      { id: 'A4', action: 'Not yet due.', owner: 'orders-data', due: '2025-12-01', status: 'open', type: 'mitigate' },
    ],
  },
};

/** B: SEV2, closed; same dataset and cause 19 days after A resolved: a regression. ack 45m (missed), ttr 10h (contract PT8H: repair breach). Reopened in history. */
export const B = {
  ...common, id: 'INC-2025-0002', severity: 'SEV2', status: 'closed', datasets: ['orders.fct_orders'],
  started_at: '2025-08-20T09:00:00Z', detected_at: '2025-08-20T10:00:00Z', acknowledged_at: '2025-08-20T10:45:00Z',
  contained_at: '2025-08-20T13:00:00Z', remediated_at: '2025-08-20T18:00:00Z', resolved_at: '2025-08-20T20:00:00Z', closed_at: '2025-08-21T10:00:00Z',
  root_cause: { summary: 'Same bug.', category: 'pipeline-bug' },
  updates: ['2025-08-20T11:00:00Z', '2025-08-20T14:00:00Z'].map((at) => ({ at, audience: 'consumers', stage: 'triage', text: 'Update.' })),
};

/** C: SEV2, declined. ack 20m. Contain and resolve do not apply. Cadence: 30m, 1h30 → met. */
export const C = {
  ...common, id: 'INC-2025-0003', severity: 'SEV2', status: 'declined', datasets: ['orders.dim_customers'],
  detected_at: '2025-09-05T12:00:00Z', acknowledged_at: '2025-09-05T12:20:00Z', closed_at: '2025-09-05T14:00:00Z',
  ledger: [{ at: '2025-09-05T13:50:00Z', by: 'alice', kind: 'decision', text: 'False alarm.' }],
  updates: [{ at: '2025-09-05T12:30:00Z', audience: 'internal', stage: 'triage', text: 'Looking.' }],
};

/** D: SEV1, open (contained), domain payments, primary dataset raw_events (producer platform). regression_of B. */
export const D = {
  ...common, domain: 'payments', id: 'INC-2025-0004', severity: 'SEV1', status: 'contained', datasets: ['orders.raw_events', 'orders.dim_customers'],
  started_at: '2025-09-28T20:00:00Z', detected_at: '2025-09-29T00:00:00Z', acknowledged_at: '2025-09-29T00:10:00Z', contained_at: '2025-09-29T03:00:00Z',
  regression_of: 'INC-2025-0002',
  updates: ['2025-09-29T00:30:00Z', '2025-09-29T01:20:00Z'].map((at) => ({ at, audience: 'exec', stage: 'triage', text: 'Update.' })),
};

/** E: SEV2, open (detected) one hour before now: ack overdue, the rest pending. Same cause as B but 41 days after: outside P30D. */
export const E = {
  ...common, id: 'INC-2025-0005', severity: 'SEV2', status: 'detected', datasets: ['orders.fct_orders'],
  detected_at: '2025-09-30T23:00:00Z',
  root_cause: { summary: 'Maybe the bug again.', category: 'pipeline-bug' },
};

/** F: a drill; kept out. ttd 30m, ack 5m, contain 30m, resolve 1h. Reopened in history (not counted). */
export const F = {
  ...common, id: 'INC-2025-0006', severity: 'SEV2', status: 'closed', drill: true, datasets: ['orders.fct_orders'],
  started_at: '2025-08-10T09:30:00Z', detected_at: '2025-08-10T10:00:00Z', acknowledged_at: '2025-08-10T10:05:00Z',
  contained_at: '2025-08-10T10:30:00Z', remediated_at: '2025-08-10T10:45:00Z', resolved_at: '2025-08-10T11:00:00Z', closed_at: '2025-08-10T12:00:00Z',
};

const file = (inc: { id: string }) => `incidents/${inc.id.slice(4, 8)}/${inc.id}.yaml`;

export interface MetricsFixture {
  repo: FixtureRepo;
  shas: string[];
}

/** Five commits touch incidents/: B goes detected → contained → triaged (a move back) → closed; F likewise. */
export function createMetricsRepo(): MetricsFixture {
  const repo = createFixtureRepo();
  const shas: string[] = [];
  writeBase(repo);
  repo.write(file(H), yamlOf(H));
  repo.write(file(G), yamlOf(G));
  shas.push(repo.commit('Import 2024 and July incidents', { author: ALICE, date: '2025-07-12T00:00:00Z' }));
  repo.write(file(A), yamlOf(A));
  repo.write(file(B), yamlOf({ ...B, status: 'detected' }));
  shas.push(repo.commit('A closed, B declared', { author: ALICE, date: '2025-08-20T10:05:00Z' }));
  repo.write(file(B), yamlOf({ ...B, status: 'contained' }));
  repo.write(file(F), yamlOf({ ...F, status: 'contained' }));
  shas.push(repo.commit('B and drill F contained', { author: BOB, date: '2025-08-20T13:05:00Z' }));
  repo.write(file(B), yamlOf({ ...B, status: 'triaged' }));
  repo.write(file(F), yamlOf({ ...F, status: 'triaged' }));
  shas.push(repo.commit('B and F back to triage (#21)', { author: BOB, date: '2025-08-20T14:05:00Z' }));
  for (const inc of [B, F, C, D, E]) repo.write(file(inc), yamlOf(inc));
  shas.push(repo.commit('Everything else', { author: ALICE, date: '2025-09-30T23:30:00Z' }));
  return { repo, shas };
}
