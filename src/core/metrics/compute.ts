/**
 * Incident metrics, exactly as DOMAIN.md defines them (details: docs/metrics.md). Pure: the loaded
 * incidents and ownership, the reopen facts from the git history, and "now" go in; numbers come out.
 * The incidents come from the fast loader path (no structure check), so every field is read defensively.
 */
import type { RepoIndex } from '../repo-index.js';
import type { Incident } from '../schema/incident.js';
import type { SeverityConfig } from '../schema/config.js';
import type { Adherence, DurationName, DurationStats, MetricsResult } from '../schema/metrics.js';
import { DURATION_NAMES } from '../schema/metrics.js';
import { isOpen } from '../lifecycle.js';
import { parseDuration, parseInstant, toIso } from '../time.js';
import { timeBoxes } from '../timeboxes.js';
import { rate, summarize } from './stats.js';

const DAY = 86_400_000;
export const DEFAULT_REGRESSION_WINDOW = 'P90D';

export interface MetricsHistory {
  /** Whether the git history could be read. */
  available: boolean;
  partial: boolean;
  commits: number;
  /** Ids of incidents whose status ever moved back. */
  movedBack: ReadonlySet<string>;
}

export interface MetricsInput {
  idx: RepoIndex;
  now: number;
  /** Incidents detected at or after this time. */
  since?: number;
  /** Incidents detected before this time. */
  until?: number;
  history?: MetricsHistory;
}

export type MetricsBody = Omit<MetricsResult, 'diagnostics'>;

/** An incident the metrics can use: an object with an id and a valid detected_at. */
interface Item {
  inc: Incident;
  id: string;
  detected: number;
  drill: boolean;
  datasets: string[];
  /** The four durations, computed once. */
  d: Record<DurationName, number | undefined>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const key = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The four durations of an incident, in ms (undefined when a timestamp is missing or the difference is negative). */
export function incidentDurations(inc: Incident): Record<DurationName, number | undefined> {
  const t = (f: keyof Incident) => parseInstant(inc[f]);
  const diff = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b < a ? undefined : b - a);
  const detected = t('detected_at');
  return {
    time_to_detect: diff(t('started_at'), detected),
    time_to_acknowledge: diff(detected, t('acknowledged_at')),
    time_to_contain: diff(detected, t('contained_at')),
    time_to_resolve: diff(detected, t('resolved_at')),
  };
}

function durationSet(items: readonly Item[]): Record<DurationName, DurationStats> {
  const values: Record<DurationName, number[]> = { time_to_detect: [], time_to_acknowledge: [], time_to_contain: [], time_to_resolve: [] };
  for (const it of items) {
    for (const name of DURATION_NAMES) if (it.d[name] !== undefined) values[name].push(it.d[name]!);
  }
  return {
    time_to_detect: summarize(values.time_to_detect),
    time_to_acknowledge: summarize(values.time_to_acknowledge),
    time_to_contain: summarize(values.time_to_contain),
    time_to_resolve: summarize(values.time_to_resolve),
  };
}

function groups(items: readonly Item[], keyOf: (it: Item) => string | undefined, order: (keys: string[]) => string[]) {
  const by = new Map<string, Item[]>();
  for (const it of items) {
    const k = keyOf(it);
    if (k === undefined) continue;
    const list = by.get(k);
    if (list) list.push(it);
    else by.set(k, [it]);
  }
  return order([...by.keys()]).map((k) => ({ key: k, incidents: by.get(k)!.length, durations: durationSet(by.get(k)!) }));
}

const sorted = (keys: string[]) => [...keys].sort();

function severityOrder(idx: RepoIndex): (keys: string[]) => string[] {
  const known = (idx.config?.taxonomy?.severities ?? []).map((s) => s.id);
  return (keys) => [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k)).sort()];
}

function adherence(): Adherence {
  return { met: 0, missed: 0, pending: 0, rate: null };
}

type Outcome = 'met' | 'missed' | 'pending' | undefined;

class AdherenceTable {
  readonly overall = adherence();
  readonly #bySeverity = new Map<string, Adherence>();
  add(severity: string, outcome: Outcome): void {
    if (!outcome) return;
    const s = this.#bySeverity.get(severity) ?? adherence();
    this.#bySeverity.set(severity, s);
    for (const a of [this.overall, s]) a[outcome]++;
  }
  result(order: (keys: string[]) => string[]) {
    const fin = (a: Adherence): Adherence => ({ ...a, rate: rate(a.met, a.met + a.missed) });
    return {
      overall: fin(this.overall),
      by_severity: order([...this.#bySeverity.keys()]).map((severity) => ({ severity, adherence: fin(this.#bySeverity.get(severity)!) })),
    };
  }
}

/** A box of acknowledge / contain / resolve / review_within: met, missed, pending or not applicable. */
export function boxOutcome(inc: Incident, sev: SeverityConfig, box: 'acknowledge' | 'contain' | 'resolve' | 'review_within', now: number, windows = timeBoxes(inc, sev)): Outcome {
  const w = windows.find((b) => b.box === box);
  if (!w) return undefined;
  if (w.end.at !== undefined) return w.end.at <= w.due ? 'met' : 'missed';
  if (!w.applies) return undefined;
  return now > w.due ? 'missed' : 'pending';
}

/**
 * Update cadence: every gap while open (detected_at → first update, update → update, last update →
 * closed_at, or → now while still open) is at most update_every. An open incident is `pending` until a
 * gap is exceeded; updates dated before detected_at count as at detected_at, after the close not at all.
 */
export function cadenceOutcome(inc: Incident, sev: SeverityConfig, now: number): Outcome {
  const box = parseDuration(sev.time_boxes?.update_every);
  const start = parseInstant(inc.detected_at);
  if (box === undefined || start === undefined) return undefined;
  const open = isOpen(inc.status);
  const end = open ? now : parseInstant(inc.closed_at);
  if (end === undefined || end < start) return undefined;
  const times = (Array.isArray(inc.updates) ? inc.updates : [])
    .map((u) => parseInstant(isObj(u) ? u.at : undefined))
    .filter((t): t is number => t !== undefined && t <= end)
    .map((t) => Math.max(t, start))
    .sort((a, b) => a - b);
  const points = [start, ...times, end];
  for (let i = 1; i < points.length; i++) if (points[i] - points[i - 1] > box) return 'missed';
  return open ? 'pending' : 'met';
}

export function computeMetrics(input: MetricsInput): MetricsBody {
  const { idx, now } = input;
  const sevOrder = severityOrder(idx);
  const severities = new Map((idx.config?.taxonomy?.severities ?? []).map((s) => [s.id, s]));
  const windowSpec = key(idx.config?.incidents?.regression_window) ?? DEFAULT_REGRESSION_WINDOW;
  const windowMs = parseDuration(windowSpec) ?? parseDuration(DEFAULT_REGRESSION_WINDOW)!;

  let skippedAll = 0;
  const all: Item[] = [];
  for (const file of idx.model.incidents) {
    const inc = file.data as Incident;
    if (!isObj(inc) || !key(inc.id)) { skippedAll++; continue; }
    const detected = parseInstant(inc.detected_at);
    // Without a detection time an incident cannot be placed in the window: counted as skipped.
    if (detected === undefined) { skippedAll++; continue; }
    all.push({ inc, id: inc.id, detected, drill: inc.drill === true, datasets: strs(inc.datasets), d: incidentDurations(inc) });
  }
  const inWindow = (it: Item) => (input.since === undefined || it.detected >= input.since) && (input.until === undefined || it.detected < input.until);
  const real = all.filter((it) => !it.drill);
  const items = real.filter(inWindow);
  const drills = all.filter((it) => it.drill && inWindow(it));

  // Durations
  const producerOf = (it: Item) => key(idx.datasets.get(it.datasets[0] ?? '')?.dataset.producer);
  const month = (it: Item) => toIso(it.detected).slice(0, 7);
  const durations = {
    overall: durationSet(items),
    by_severity: groups(items, (it) => key(it.inc.severity), sevOrder),
    by_domain: groups(items, (it) => key(it.inc.domain), sorted),
    by_producer: groups(items, producerOf, sorted),
    by_month: groups(items, month, sorted),
  };

  // Regressions: judged against every real incident, counted for those in the window.
  const resolvedBy = new Map<string, { id: string; resolved: number }[]>();
  for (const it of real) {
    const category = isObj(it.inc.root_cause) ? key(it.inc.root_cause.category) : undefined;
    const resolved = parseInstant(it.inc.resolved_at);
    if (!category || resolved === undefined) continue;
    for (const d of new Set(it.datasets)) {
      const k = `${d}\u0000${category}`;
      const list = resolvedBy.get(k);
      if (list) list.push({ id: it.id, resolved });
      else resolvedBy.set(k, [{ id: it.id, resolved }]);
    }
  }
  const regressions: MetricsResult['regression']['incidents'] = [];
  for (const it of items) {
    const of = key(it.inc.regression_of);
    if (of) { regressions.push({ id: it.id, of, via: 'regression_of' }); continue; }
    const category = isObj(it.inc.root_cause) ? key(it.inc.root_cause.category) : undefined;
    if (!category) continue;
    let best: { id: string; resolved: number } | undefined;
    for (const d of new Set(it.datasets)) {
      for (const earlier of resolvedBy.get(`${d}\u0000${category}`) ?? []) {
        if (earlier.id === it.id) continue;
        if (earlier.resolved <= it.detected && it.detected <= earlier.resolved + windowMs && (!best || earlier.resolved > best.resolved)) best = earlier;
      }
    }
    if (best) regressions.push({ id: it.id, of: best.id, via: 'same-cause' });
  }

  // Reopens
  const history = input.history;
  const reopened = history?.available ? items.filter((it) => history.movedBack.has(it.id)).map((it) => it.id) : [];

  // Time boxes and cadence
  const boxes = { acknowledge: new AdherenceTable(), contain: new AdherenceTable(), resolve: new AdherenceTable(), review_within: new AdherenceTable() };
  const cadence = new AdherenceTable();
  for (const it of items) {
    const sevId = key(it.inc.severity);
    const sev = sevId ? severities.get(sevId) : undefined;
    if (!sev || !sevId) continue;
    const windows = timeBoxes(it.inc, sev);
    for (const box of ['acknowledge', 'contain', 'resolve', 'review_within'] as const) boxes[box].add(sevId, boxOutcome(it.inc, sev, box, now, windows));
    cadence.add(sevId, cadenceOutcome(it.inc, sev, now));
  }

  // Action items
  const actions = { total: 0, on_time: 0, late: 0, overdue: 0, pending: 0, rate: null as number | null };
  for (const it of items) {
    const review = it.inc.review;
    for (const a of isObj(review) && Array.isArray(review.action_items) ? review.action_items : []) {
      if (!isObj(a)) continue;
      actions.total++;
      const due = parseInstant(a.due);
      const doneAt = parseInstant(a.done_at);
      const done = a.status === 'done' || doneAt !== undefined;
      // Due by the end of the due date, UTC.
      const dueEnd = due === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(String(a.due)) ? due + DAY : due;
      if (done) {
        if (doneAt !== undefined && dueEnd !== undefined && doneAt < dueEnd) actions.on_time++;
        else actions.late++;
      } else if (dueEnd !== undefined && now >= dueEnd) actions.overdue++;
      else actions.pending++;
    }
  }
  actions.rate = rate(actions.on_time, actions.on_time + actions.late + actions.overdue);

  // Contract breaches per dataset
  const contracts = new Map<string, { producer: string | null; incidents: number; detect: number; repair: number; ids: string[] }>();
  for (const it of items) {
    const d = it.d;
    for (const ds of new Set(it.datasets)) {
      const entry = idx.datasets.get(ds)?.dataset;
      const contract = entry?.contract;
      if (!isObj(contract)) continue;
      const ttd = parseDuration(contract.time_to_detect);
      const ttr = parseDuration(contract.time_to_repair);
      if (ttd === undefined && ttr === undefined) continue;
      const row = contracts.get(ds) ?? { producer: key(entry?.producer) ?? null, incidents: 0, detect: 0, repair: 0, ids: [] };
      row.incidents++;
      const detect = ttd !== undefined && d.time_to_detect !== undefined && d.time_to_detect > ttd;
      const repair = ttr !== undefined && d.time_to_resolve !== undefined && d.time_to_resolve > ttr;
      if (detect) row.detect++;
      if (repair) row.repair++;
      if (detect || repair) row.ids.push(it.id);
      contracts.set(ds, row);
    }
  }
  const contract_breaches = [...contracts]
    .map(([dataset, r]) => ({ dataset, producer: r.producer, incidents: r.incidents, detect: r.detect, repair: r.repair, breached: r.ids.length, ids: r.ids }))
    .sort((a, b) => b.breached - a.breached || a.dataset.localeCompare(b.dataset));

  // Open incidents by age, at now (the window does not apply: this is a snapshot).
  const BUCKETS: [string, number, number | null][] = [['<1d', 0, DAY], ['1d-7d', DAY, 7 * DAY], ['7d-30d', 7 * DAY, 30 * DAY], ['30d-90d', 30 * DAY, 90 * DAY], ['>=90d', 90 * DAY, null]];
  const open = real
    .filter((it) => isOpen(it.inc.status) && it.detected <= now)
    .map((it) => ({ id: it.id, severity: String(it.inc.severity ?? ''), status: String(it.inc.status), ageMs: now - it.detected }))
    .sort((a, b) => b.ageMs - a.ageMs || a.id.localeCompare(b.id));
  const open_by_age = {
    buckets: BUCKETS.map(([label, min, max]) => ({
      label, min_seconds: min / 1000, max_seconds: max === null ? null : max / 1000,
      count: open.filter((o) => o.ageMs >= min && (max === null || o.ageMs < max)).length,
    })),
    incidents: open.map((o) => ({ id: o.id, severity: o.severity, status: o.status, age_seconds: o.ageMs / 1000 })),
  };

  return {
    now: toIso(now),
    window: {
      since: input.since === undefined ? null : toIso(input.since),
      until: input.until === undefined ? null : toIso(input.until),
    },
    history: { available: history?.available ?? false, partial: history?.partial ?? false, commits: history?.commits ?? 0 },
    counts: {
      incidents: items.length,
      open: items.filter((it) => isOpen(it.inc.status)).length,
      closed: items.filter((it) => it.inc.status === 'closed').length,
      declined: items.filter((it) => it.inc.status === 'declined').length,
      drills: drills.length,
      skipped: skippedAll,
    },
    durations,
    regression: { count: regressions.length, total: items.length, rate: rate(regressions.length, items.length), window: windowSpec, incidents: regressions },
    reopen: { count: reopened.length, total: items.length, rate: history?.available ? rate(reopened.length, items.length) : null, incidents: reopened },
    time_boxes: {
      acknowledge: boxes.acknowledge.result(sevOrder),
      contain: boxes.contain.result(sevOrder),
      resolve: boxes.resolve.result(sevOrder),
      review_within: boxes.review_within.result(sevOrder),
    },
    update_cadence: cadence.result(sevOrder),
    action_items: actions,
    contract_breaches,
    open_by_age,
    drills: { count: drills.length, ids: drills.map((d) => d.id), durations: durationSet(drills) },
  };
}
