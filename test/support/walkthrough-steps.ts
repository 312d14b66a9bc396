/**
 * One incident worked from `sitrep new` to the close notice on the project's sample repo, as a
 * data engineer would: each step is one pull request of one or more commands. The walkthrough
 * test runs these steps (validate and check against the step before, each time) and, with
 * SITREP_WRITE_WALKTHROUGH=1, writes docs/walkthrough.md from what they printed.
 */
export const WALKTHROUGH_ID = 'INC-2026-0007';
export const WALKTHROUGH_FILE = `incidents/2026/${WALKTHROUGH_ID}.yaml`;

export interface WalkStep {
  /** Step title, also the PR title. */
  title: string;
  /** What the engineer does and why, for the docs. */
  story: string;
  /** Commands, each `sitrep` argv without the program name; `--at` is given by the step's clock. */
  commands: string[][];
  /** Minutes after the previous command for each command (default 5). */
  gaps?: number[];
  /** Who runs the commands (SITREP_USER). */
  as: string;
  /** Render a stakeholder update for this audience after the step (shown in the docs). */
  renderUpdate?: 'consumers' | 'internal' | 'exec' | 'external';
  /** A hand edit after the commands (a comment the engineer adds), as [find, replace] in the incident file. */
  handEdit?: [string, string];
}

const ID = WALKTHROUGH_ID;

/** The clock of the walkthrough: detection at 02:40 UTC, the morning after the sample's latest incident. */
export const WALKTHROUGH_START = '2026-11-26T02:35:00Z';

export const WALKTHROUGH_STEPS: WalkStep[] = [
  {
    title: `${ID}: declare`,
    story: 'At 02:40 the freshness monitor pages the orders-data on-call, Dmitri. One command declares the incident: it takes the next id, picks the runbook from its `applies_to`, makes the on-call person the owner and names the channel after the id, then prints the first stage of the runbook as a checklist. Dmitri adds a comment by hand (the commands that follow keep it), commits and opens the pull request.',
    as: 'dmitri-volkov',
    commands: [['new', '--domain', 'orders', '--dataset', 'orders.fct_orders', '--symptom', 'freshness', '--severity', 'SEV2',
      'orders.fct_orders: daily partition for 2026-11-25 missing since 02:00 UTC']],
    gaps: [5],
    handEdit: ['detected_at: 2026-11-26T02:40:00Z\n', 'detected_at: 2026-11-26T02:40:00Z   # paged by the fct_orders freshness monitor\n'],
  },
  {
    title: `${ID}: triage`,
    story: 'The first hypothesis goes into the ledger, the impact is written down, and the incident moves to triaged (which sets `acknowledged_at`). `sitrep status` would refuse the move while the impact or the runbook\'s triage evidence (a hypothesis) is missing. A first update tells the consumers.',
    as: 'dmitri-volkov',
    commands: [
      ['log', ID, '--kind', 'hypothesis', '--link', 'https://cloud.getdbt.com/deploy/runs/88231', 'The 02:00 dbt Cloud run of fct_orders never started: its sensor on raw_orders is still waiting.'],
      ['impact', ID, "Finance's morning revenue dashboards show no orders for 2026-11-25.", '--consumer', 'finance-analytics', '--category', 'financial-reporting'],
      ['status', ID, 'triaged'],
      ['update', ID, '--audience', 'consumers', 'fct_orders for 2026-11-25 is late; dashboards show no orders for that day. Next update by 05:00 UTC.'],
    ],
    gaps: [3, 4, 3, 5],
    renderUpdate: 'consumers',
  },
  {
    title: `${ID}: mitigation M1`,
    story: 'To stop consumers reading an empty day, Dmitri pins the revenue dashboards to the last complete partition: a reversible change, so it carries its rollback plan and the conditions to check before and after. `--apply` records it as applied and logs the change in the ledger.',
    as: 'dmitri-volkov',
    commands: [['mitigate', ID, 'add', 'Pin the finance revenue dashboards to the 2026-11-24 partition.', '--reversible',
      '--rollback', 'Unpin the dashboards once the 2026-11-25 partition is complete.', '--pre', 'The 2026-11-24 partition is complete',
      '--post', 'Dashboards show 2026-11-24 with a "data delayed" banner', '--assessment', 'Dashboards lag one day; nothing else reads them.', '--apply']],
    gaps: [12],
  },
  {
    title: `${ID}: contained`,
    story: 'With the mitigation applied the impact no longer grows: the incident moves to contained.',
    as: 'dmitri-volkov',
    commands: [['status', ID, 'contained']],
    gaps: [5],
  },
  {
    title: `${ID}: root cause and fix`,
    story: 'The scheduler logs show why: the Airflow scheduler lost its metadata database at 01:58, so the sensor never fired. The evidence goes into the ledger, the root cause is recorded with its category and the dataset where the fault entered, the fix is a remediation action owned by the platform team, done once the backfill ran.',
    as: 'dmitri-volkov',
    commands: [
      ['log', ID, '--kind', 'evidence', '--link', 'https://airflow.acme.internal/log/scheduler/2026-11-26', 'Scheduler log: metadata DB connection lost at 01:58, no task scheduled until 03:30.'],
      ['root-cause', ID, 'The Airflow scheduler lost its metadata database at 01:58; the raw_orders sensor never fired, so fct_orders was not built.', '--category', 'infrastructure', '--entered-at', 'orders.raw_orders'],
      ['remediation', ID, 'add', 'Restart the scheduler on the failover database and backfill fct_orders for 2026-11-25.', '--owner', 'data-platform'],
      ['log', ID, '--kind', 'change', 'Backfilled fct_orders for 2026-11-25 (dbt Cloud run 88244).'],
      ['remediation', ID, 'done', '1', '--link', 'https://cloud.getdbt.com/deploy/runs/88244'],
      ['status', ID, 'remediated'],
    ],
    gaps: [35, 5, 3, 40, 2, 2],
  },
  {
    title: `${ID}: verified`,
    story: 'Before the data is trusted again it is checked against a baseline, with the evidence. The dashboards are unpinned (the rollback of M1) and the incident moves to verified, which sets `resolved_at`.',
    as: 'dmitri-volkov',
    commands: [
      ['verify', ID, '--passed', '--baseline', 'same-weekday median of 4 weeks: 41,200 orders', '--result', '41,870 orders (+1.6%)', '--evidence', 'https://snowflake.acme.internal/q/01b2c3', 'Row count of the 2026-11-25 partition against the baseline.'],
      ['log', ID, '--kind', 'evidence', 'dbt tests of fct_orders and its children pass on the backfilled partition.'],
      ['mitigate', ID, 'rollback', 'M1'],
      ['status', ID, 'verified'],
      ['update', ID, '--audience', 'consumers', 'fct_orders for 2026-11-25 is complete and verified; dashboards are live again.'],
    ],
    gaps: [20, 5, 3, 2, 3],
    renderUpdate: 'consumers',
  },
  {
    title: `${ID}: close`,
    story: 'Closing needs `started_at`, a sign-off from each team the severity requires (a claim that the gate Action verifies against Alice\'s approval of the pull request), the post-incident review scheduled, and the closure decision in the ledger. `sitrep status closed` lists whatever is still missing.',
    as: 'dmitri-volkov',
    commands: [
      ['set', ID, '--started-at', '2026-11-26T01:58:00Z'],
      ['signoff', ID, '--team', 'orders-data', '--by', 'alice-nguyen'],
      ['review', ID, 'schedule', '--due', '2026-12-03', '--facilitator', 'alice-nguyen'],
      ['log', ID, '--kind', 'decision', 'Close: the data is trusted again; the review on 2026-12-03 takes the scheduler failover.'],
      ['status', ID, 'closed'],
    ],
    gaps: [60, 10, 2, 2, 2],
  },
  {
    title: `${ID}: post-incident review`,
    story: 'A week later the review is held. A closed incident is frozen except for its review: the learnings and action items go in, and `sitrep watch` will chase the action items when they run late.',
    as: 'alice-nguyen',
    commands: [
      ['review', ID, 'held', '--doc', 'https://docs.acme.internal/reviews/inc-2026-0007'],
      ['review', ID, 'learn', 'A scheduler that cannot reach its database fails silently: alert on the heartbeat, not only on freshness.'],
      ['review', ID, 'action', '--owner', 'data-platform', '--due', '2026-12-17', '--type', 'detect', 'Alert on the Airflow scheduler heartbeat.'],
    ],
    gaps: [7 * 24 * 60, 5, 5],
  },
];
