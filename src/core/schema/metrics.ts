/**
 * The JSON contract of `sitrep metrics --format json` (schemas/metrics.schema.json). The site and
 * anyone's BI tool read it. Definitions: docs/metrics.md. Durations are in seconds.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DiagnosticSchema } from './diagnostic.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()], { description: t.description });
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description} Null when the denominator is 0.` }));
const Seconds = (description: string) => Nullable(Type.Number({ description: `${description} In seconds; null when there are no values.` }));
const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const DurationStatsSchema = Type.Object(
  {
    count: Count('Incidents with both timestamps (and a non-negative difference).'),
    mean: Seconds('Arithmetic mean.'),
    median: Seconds('Median: the middle value, or the mean of the two middle values.'),
    p90: Seconds('90th percentile, nearest rank: the value at rank ceil(0.9 × count).'),
  },
  { additionalProperties: false, description: 'Summary of one duration.' },
);
export type DurationStats = Static<typeof DurationStatsSchema>;

export const DURATION_NAMES = ['time_to_detect', 'time_to_acknowledge', 'time_to_contain', 'time_to_resolve'] as const;
export type DurationName = (typeof DURATION_NAMES)[number];

const DurationSet = Type.Object(
  {
    time_to_detect: DurationStatsSchema,
    time_to_acknowledge: DurationStatsSchema,
    time_to_contain: DurationStatsSchema,
    time_to_resolve: DurationStatsSchema,
  },
  { additionalProperties: false, description: 'detected_at − started_at; acknowledged_at, contained_at and resolved_at − detected_at.' },
);

const DurationGroup = Type.Object(
  {
    key: Type.String({ description: 'The group: a severity id, domain id, team id or month (YYYY-MM, UTC).' }),
    incidents: Count('Incidents in the group.'),
    durations: DurationSet,
  },
  { additionalProperties: false, description: 'Durations of one group.' },
);

export const AdherenceSchema = Type.Object(
  {
    met: Count('Incidents whose box ended within the box.'),
    missed: Count('Incidents whose box ended late, or is still unended past its due time.'),
    pending: Count('Incidents whose box is still running and not yet due: left out of the rate.'),
    rate: Rate('met / (met + missed).'),
  },
  { additionalProperties: false, description: 'Adherence to one time box.' },
);
export type Adherence = Static<typeof AdherenceSchema>;

const BoxAdherence = Type.Object(
  {
    overall: AdherenceSchema,
    by_severity: Type.Array(
      Type.Object({ severity: Type.String({ description: 'Severity id.' }), adherence: AdherenceSchema }, { additionalProperties: false, description: 'One severity.' }),
      { description: 'Per severity, in taxonomy order.' },
    ),
  },
  { additionalProperties: false, description: 'Adherence to one box, overall and per severity.' },
);

const IncidentRef = Type.String({ description: 'Incident id.' });

export const MetricsResultSchema = Type.Object(
  {
    diagnostics: Type.Array(DiagnosticSchema, { description: 'Files that could not be read (the metrics leave them out).' }),
    now: Type.String({ format: 'date-time', description: 'The "now" used for open incidents and overdue items (UTC).' }),
    window: Type.Object(
      {
        since: Nullable(Type.String({ format: 'date-time', description: 'Incidents detected at or after this time (UTC).' })),
        until: Nullable(Type.String({ format: 'date-time', description: 'Incidents detected before this time (UTC).' })),
      },
      { additionalProperties: false, description: 'Which incidents count, by detected_at.' },
    ),
    history: Type.Object(
      {
        available: Type.Boolean({ description: 'Whether the git history was read (needed for the reopen rate).' }),
        partial: Type.Boolean({ description: 'A shallow clone: moves back before its edge are not seen.' }),
        commits: Count('Commits read.'),
      },
      { additionalProperties: false, description: 'The git history behind the reopen rate.' },
    ),
    counts: Type.Object(
      {
        incidents: Count('Incidents in the window, drills left out.'),
        open: Count('Of those, still open.'),
        closed: Count('Of those, closed.'),
        declined: Count('Of those, declined.'),
        drills: Count('Drills in the window (reported under `drills`).'),
        skipped: Count('Incidents left out because detected_at is missing or not a time.'),
      },
      { additionalProperties: false, description: 'How many incidents the metrics cover.' },
    ),
    durations: Type.Object(
      {
        overall: DurationSet,
        by_severity: Type.Array(DurationGroup, { description: 'Per severity, in taxonomy order.' }),
        by_domain: Type.Array(DurationGroup, { description: 'Per domain, sorted by id.' }),
        by_producer: Type.Array(DurationGroup, { description: "Per producer team of the incident's primary (first) dataset, sorted by id." }),
        by_month: Type.Array(DurationGroup, { description: 'Per month of detected_at (UTC), oldest first.' }),
      },
      { additionalProperties: false, description: 'Mean, median and p90 of each duration.' },
    ),
    regression: Type.Object(
      {
        count: Count('Regressions.'),
        total: Count('All incidents (the denominator).'),
        rate: Rate('count / total.'),
        window: Type.String({ description: 'The regression window (incidents.regression_window, default P90D).' }),
        incidents: Type.Array(
          Type.Object(
            {
              id: IncidentRef,
              of: Type.String({ description: 'The earlier incident it repeats.' }),
              via: Type.Union([Type.Literal('regression_of'), Type.Literal('same-cause')], { description: 'regression_of, or the same dataset and root-cause category within the window after the earlier one was resolved.' }),
            },
            { additionalProperties: false, description: 'One regression.' },
          ),
          { description: 'Each regression once, by id.' },
        ),
      },
      { additionalProperties: false, description: 'Regression rate.' },
    ),
    reopen: Type.Object(
      {
        count: Count('Incidents whose status ever moved back in the git history.'),
        total: Count('All incidents (the denominator).'),
        rate: Rate('count / total; null too when the history is not available.'),
        incidents: Type.Array(IncidentRef, { description: 'The incidents that moved back.' }),
      },
      { additionalProperties: false, description: 'Reopen rate.' },
    ),
    time_boxes: Type.Object(
      {
        acknowledge: BoxAdherence,
        contain: BoxAdherence,
        resolve: BoxAdherence,
        review_within: BoxAdherence,
      },
      { additionalProperties: false, description: 'Time-box adherence per box.' },
    ),
    update_cadence: BoxAdherence,
    action_items: Type.Object(
      {
        total: Count('Action items of post-incident reviews.'),
        on_time: Count('Done by the end of their due date (UTC).'),
        late: Count('Done after their due date.'),
        overdue: Count('Still open after their due date.'),
        pending: Count('Open and not yet due: left out of the rate.'),
        rate: Rate('on_time / (on_time + late + overdue).'),
      },
      { additionalProperties: false, description: 'Post-incident action items done by their due date.' },
    ),
    contract_breaches: Type.Array(
      Type.Object(
        {
          dataset: Type.String({ description: 'Dataset id.' }),
          producer: Nullable(Type.String({ description: 'Its producer team.' })),
          incidents: Count('Incidents that affected the dataset.'),
          detect: Count('Incidents whose time to detect exceeded the contract time_to_detect.'),
          repair: Count('Incidents whose time to resolve exceeded the contract time_to_repair.'),
          breached: Count('Incidents with either breach (each once).'),
          ids: Type.Array(IncidentRef, { description: 'The breaching incidents.' }),
        },
        { additionalProperties: false, description: 'Breaches of one dataset.' },
      ),
      { description: 'Every dataset with a contract that an incident in the window affected, most breached first.' },
    ),
    open_by_age: Type.Object(
      {
        buckets: Type.Array(
          Type.Object(
            {
              label: Type.String({ description: 'e.g. "1d-7d".' }),
              min_seconds: Type.Number({ description: 'Lower bound, inclusive.' }),
              max_seconds: Nullable(Type.Number({ description: 'Upper bound, exclusive; null for the last bucket.' })),
              count: Count('Open incidents of that age.'),
            },
            { additionalProperties: false, description: 'One age bucket.' },
          ),
          { description: 'Age buckets, youngest first.' },
        ),
        incidents: Type.Array(
          Type.Object(
            {
              id: IncidentRef,
              severity: Type.String({ description: 'Severity.' }),
              status: Type.String({ description: 'Status.' }),
              age_seconds: Type.Number({ description: 'now − detected_at.' }),
            },
            { additionalProperties: false, description: 'One open incident.' },
          ),
          { description: 'Open incidents, oldest first.' },
        ),
      },
      { additionalProperties: false, description: 'Open incidents (status before closed, detected by now) by age at now; the window does not apply.' },
    ),
    drills: Type.Object(
      {
        count: Count('Drills in the window.'),
        ids: Type.Array(IncidentRef, { description: 'Their ids.' }),
        durations: DurationSet,
      },
      { additionalProperties: false, description: 'Drills, kept out of every other figure and reported apart.' },
    ),
  },
  { additionalProperties: false, description: 'Output of `sitrep metrics --format json`. Definitions: docs/metrics.md.' },
);
export type MetricsResult = Static<typeof MetricsResultSchema>;
