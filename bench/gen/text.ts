/** Words for titles, ledger entries, updates and reviews: varied enough to look written, cheap to make. */
import type { Rng } from './random.js';

export interface TextVars {
  ds: string;
  up: string;
  job: string;
  col: string;
  vendor: string;
  team: string;
  channel: string;
}

const COLUMNS = ['customer_id', 'order_total', 'currency', 'event_ts', 'country_code', 'sku', 'amount_eur', 'status', 'email', 'region', 'discount_pct', 'session_id'];
const METRICS = ['net revenue', 'order count', 'gross margin', 'active customers', 'conversion rate', 'refund total', 'stock value'];

export function columnName(rng: Rng): string {
  return rng.pick(COLUMNS);
}

export const TITLES: Record<string, readonly ((r: Rng, v: TextVars) => string)[]> = {
  freshness: [
    (r) => `daily partition missing since ${String(r.int(0, 23)).padStart(2, '0')}:00 UTC`,
    (r) => `data ${r.int(3, 30)} hours late`,
    () => 'hourly loads stalled',
  ],
  volume: [
    (r) => `row count down ${r.int(15, 90)}% against the 7-day baseline`,
    (r) => `row count ${r.int(20, 300)}% above baseline`,
  ],
  schema: [(_, v) => `column ${v.col} dropped upstream`, (_, v) => `column ${v.col} changed type`],
  accuracy: [(r) => `${r.pick(METRICS)} off by ${r.int(2, 40)}% against the source`, (_, v) => `negative values in ${v.col}`],
  duplication: [(_, v) => `duplicate ${v.col} keys after the backfill`, (r) => `${r.int(2, 40)}k duplicate rows since the last deploy`],
  availability: [() => 'table cannot be queried', () => 'queries time out on the warehouse'],
  privacy: [(_, v) => `unmasked ${v.col} values in a shared extract`, () => 'personal data in an analytics table'],
};

type Template = (r: Rng, v: TextVars) => string;

const HH = (r: Rng) => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;

export const LEDGER: Record<'hypothesis' | 'evidence' | 'change' | 'decision' | 'note', readonly Template[]> = {
  hypothesis: [
    (_, v) => `Suspect the ${v.job} job skipped the load after the ${v.vendor} maintenance window.`,
    (_, v) => `Could be the upstream change in ${v.up} deployed yesterday; checking its schema history.`,
    (_, v) => `Only one region looks short: maybe a partition filter bug in ${v.job}.`,
    (r) => `Possibly a late file from the source system: the landing bucket has nothing for ${HH(r)} UTC.`,
    (_, v) => `Duplicates start exactly at the backfill run; the merge key on ${v.col} may have changed.`,
    (_, v) => `The ${v.vendor} connector was upgraded on Monday; its new sync mode could drop late rows.`,
  ],
  evidence: [
    (r, v) => `Query on ${v.ds} shows ${r.int(1000, 90000)} rows for yesterday against a 7-day median of ${r.int(100000, 900000)}.`,
    (r, v) => `The orchestrator log for ${v.job} shows a timeout at ${HH(r)} UTC and no retry.`,
    (r, v) => `${v.up} has ${r.int(10, 50000)} rows with a null ${v.col} since the last deploy.`,
    (_, v) => `Diffed the schema of ${v.up}: column ${v.col} was renamed upstream without notice.`,
    (r) => `The freshness monitor shows the last successful load at ${HH(r)} UTC.`,
    (r, v) => `Sample of ${r.int(20, 500)} keys from ${v.ds} matches the source after the rerun.`,
  ],
  change: [
    (_, v) => `Paused the downstream jobs that read ${v.ds}; the DAG is on hold.`,
    (_, v) => `Re-ran ${v.job} for the missing partition with the corrected config.`,
    (r, v) => `Deployed the fix to ${v.job} (PR #${r.int(1000, 9999)}).`,
    (r, v) => `Backfilled ${r.int(1, 30)} partitions of ${v.ds} from the raw layer.`,
    (_, v) => `Marked the affected partitions of ${v.ds} as untrusted in the catalog.`,
  ],
  decision: [
    (_, v) => `Decided to hold the finance extract until ${v.ds} is verified.`,
    () => 'Decided not to roll back: the mitigation holds and the fix is ready.',
    () => 'Decided to backfill rather than patch in place, to keep the history auditable.',
    (_, v) => `Decided to tell ${v.team} directly instead of waiting for the next update.`,
  ],
  note: [
    (r, v) => `Bridge call started in ${v.channel}; ${r.int(3, 14)} people joined.`,
    (_, v) => `Consumers in ${v.team} confirmed they see the gap too.`,
    () => 'Handing over to the next on-call at the end of the shift.',
    (r, v) => `Vendor ticket opened with ${v.vendor}, reference ${r.hex(8).toUpperCase()}.`,
    () => 'Added the timeline to the incident doc for the review.',
  ],
};

export const DECLINE_DECISION: readonly Template[] = [
  () => 'Declined: the monitor compared against a holiday baseline; nothing was broken.',
  (_, v) => `Declined: ${v.ds} is complete; the alert fired on a test partition.`,
  () => 'Declined: the source really had a quiet day, confirmed with the source owners.',
];

export const CLOSE_DECISION: readonly Template[] = [
  () => 'Closing: all checks passed, sign-offs collected, review scheduled.',
  (_, v) => `Closing: ${v.ds} verified against the baseline and the consumers confirmed.`,
];

export const UPDATES: Record<string, readonly Template[]> = {
  triage: [
    (_, v) => `We are investigating a problem with ${v.ds}. Numbers that depend on it may be wrong or late.`,
    (_, v) => `${v.ds} is affected; we are finding out since when and which reports use it.`,
  ],
  containment: [
    (_, v) => `Downstream jobs reading ${v.ds} are paused; dashboards show yesterday's numbers for now.`,
    () => 'The impact is contained; no new wrong data is being written.',
  ],
  root_cause: [
    (_, v) => `The cause is in ${v.up}; a fix is being prepared and tested.`,
    () => 'We know what went wrong and are preparing the fix and the backfill.',
  ],
  remediation: [() => 'The fix is deployed; the backfill is running.'],
  verification: [
    () => 'The fix is deployed and the backfill is done; we are checking against the baselines.',
    (_, v) => `Verification of ${v.ds} is under way with the main consumers.`,
  ],
  closure: [
    (_, v) => `${v.ds} can be trusted again. Reports refreshed after this message are correct.`,
    () => 'All checks passed. We will share the review once it is held.',
  ],
};

export const MITIGATIONS: readonly { action: Template; rollback: Template; pre: string; post: Template }[] = [
  {
    action: (_, v) => `Pause the downstream DAGs that read ${v.ds}.`,
    rollback: () => 'Resume the paused DAGs in lineage order.',
    pre: 'No backfill is running on the affected partitions.',
    post: (_, v) => `No job has read ${v.ds} since the pause.`,
  },
  {
    action: (_, v) => `Serve yesterday's snapshot of ${v.ds} to the dashboards.`,
    rollback: (_, v) => `Point the dashboards back at the live ${v.ds}.`,
    pre: 'Yesterday\'s snapshot passed its checks.',
    post: () => 'The dashboards show the snapshot date in their banner.',
  },
  {
    action: (_, v) => `Switch ${v.ds} to the backup source for the affected region.`,
    rollback: () => 'Switch back to the primary source once it is healthy.',
    pre: 'The backup source is fresh to within one hour.',
    post: () => 'Row counts per region are within 2% of the baseline.',
  },
  {
    action: (_, v) => `Disable the ${v.job} schedule.`,
    rollback: (_, v) => `Re-enable the ${v.job} schedule.`,
    pre: 'The consumers know the data will not refresh.',
    post: (_, v) => `No new partitions are written to ${v.ds}.`,
  },
];

export const ROOT_CAUSES: Record<string, readonly Template[]> = {
  'upstream-schema-change': [(_, v) => `The source team renamed ${v.col} in ${v.up} without notice; the load wrote nulls.`],
  'upstream-outage': [(_, v) => `The ${v.vendor} feed for ${v.up} was down for several hours and the load did not wait for it.`],
  'pipeline-bug': [(_, v) => `A change to ${v.job} filtered on the wrong partition column.`, (_, v) => `The merge key in ${v.job} ignored ${v.col}, so reruns appended instead of replacing.`],
  infrastructure: [() => 'The warehouse ran out of credits and the queued jobs were cancelled.', () => 'An orchestrator worker died mid-run and the task was marked successful.'],
  'config-change': [(_, v) => `A config change lowered the lookback window of ${v.job} to one hour.`],
  'data-entry': [() => 'A partner uploaded a file with amounts in cents instead of euros.'],
  'false-alarm': [() => 'The monitor was wrong; nothing was broken.'],
};

export const REMEDIATIONS: readonly Template[] = [
  (_, v) => `Pin the schema of ${v.up} and add a contract test.`,
  (_, v) => `Fix the partition filter in ${v.job}.`,
  (_, v) => `Backfill ${v.ds} for the affected days.`,
  (_, v) => `Add a volume monitor on ${v.ds}.`,
  (_, v) => `Make ${v.job} wait for the upstream success marker.`,
];

export const CHECKS: readonly { check: Template; baseline: string; result: Template }[] = [
  { check: (_, v) => `Row count of ${v.ds} per day against the 7-day median`, baseline: 'within 2%', result: (r) => `${(r.next() * 1.8).toFixed(1)}% off` },
  { check: (_, v) => `Sum of amounts in ${v.ds} against the source system`, baseline: 'equal to the cent', result: () => 'equal' },
  { check: (_, v) => `No duplicate ${v.col} keys in ${v.ds}`, baseline: '0 duplicates', result: () => '0 duplicates' },
  { check: (_, v) => `Freshness of ${v.ds}`, baseline: 'under the contract freshness', result: (r) => `${r.int(10, 90)} minutes` },
];

export const LEARNINGS: readonly Template[] = [
  () => 'The alert fired on time, but nobody knew which consumers to tell.',
  (_, v) => `Lineage from ${v.up} was missing in the catalog, which slowed the root-cause search.`,
  () => 'The rollback plan worked as written.',
  () => 'Backfills need a checklist; we forgot the downstream aggregates once.',
  (_, v) => `${v.team} found out from a dashboard before we told them.`,
];

export const ACTIONS: readonly Template[] = [
  (_, v) => `Add a schema contract test between ${v.up} and ${v.ds}.`,
  (_, v) => `Alert on row counts of ${v.ds} per region, not only in total.`,
  () => 'Write the consumer list into the runbook.',
  (_, v) => `Make ${v.job} idempotent on reruns.`,
  () => 'Add the backfill checklist to the runbook.',
];
