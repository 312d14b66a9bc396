/**
 * Escalation watch: for every incident, the time boxes that ran over, the late stakeholder
 * updates, the missing post-incident reviews and the overdue action items; for each, the
 * escalation level that applies and who must be told, through which channel.
 *
 * Pure: `computeWatch(idx, now)` is what `sitrep watch`, the scheduled watch Action and the
 * PR checks call. Time boxes come from timeboxes.ts, the policy level from escalation.ts, the
 * people and channels from targets.ts; nothing here re-derives them.
 *
 * Who is told, per finding:
 * - the targets of the escalation level that applies (escalation.ts);
 * - before the first level applies, or when no policy applies, the incident owner
 *   (`user:<owner>`), else the on-call of the first dataset's producer (`oncall:<team>`);
 * - for an overdue action item, also the team that owns it (`team:<owner>`).
 */
import type { Incident } from './schema/incident.js';
import type { TimeBoxName } from './schema/config.js';
import { severityOf, type RepoIndex } from './repo-index.js';
import { isOpen } from './lifecycle.js';
import { overruns } from './timeboxes.js';
import { escalationAt, type EscalationState } from './escalation.js';
import { resolveTarget, type ResolvedTarget } from './targets.js';
import { parseDuration, parseInstant, toIso, toIsoDuration } from './time.js';

export type WatchKind = 'timebox' | 'update' | 'review' | 'action_item';
export const WATCH_KINDS: readonly WatchKind[] = ['timebox', 'update', 'review', 'action_item'];

export interface WatchTarget {
  target: string;
  known: boolean;
  logins: string[];
  github_teams: string[];
  channels: string[];
}

export interface WatchEscalation {
  policy: string;
  /** The team whose policy it is, and why that team (producer of the first dataset, or the owner's team). */
  team: string;
  via: 'producer' | 'owner';
  /** 1-based level that applies; 0 before the first level's `after`. */
  level: number;
  levels: number;
  /** The applying level's `after`, and when it started to apply (due + after). */
  after: string | null;
  since: string | null;
  /** The next level, and when it will apply. */
  next: { level: number; after: string; at: string } | null;
}

export interface WatchFinding {
  incident: string;
  file: string;
  kind: WatchKind;
  /** The time box (timebox, update and review findings). */
  box: TimeBoxName | null;
  /** The action item id (action_item findings). */
  action_item: string | null;
  /** What is overdue, in words. It does not depend on "now" (so a tracking issue built from it is stable); see overdue_by. */
  message: string;
  /** What the box is measured from (`detected_at`, `updates[2].at`, `closed_at`, `review.action_items[0].due`). */
  from: string;
  due: string;
  overdue_by: string;
  overdue_seconds: number;
  escalation: WatchEscalation | null;
  /** Targets to tell (`oncall:orders-data`, `exec:cfo`, …), resolved. */
  notify: WatchTarget[];
  /** Everything `notify` resolves to, deduplicated: logins and GitHub teams to mention, channels to use. */
  people: string[];
  teams: string[];
  channels: string[];
}

export interface WatchIncident {
  id: string;
  file: string;
  title: string;
  severity: string;
  status: string;
  drill: boolean;
  owner: string | null;
  /** Highest escalation level among its findings. */
  level: number;
  findings: WatchFinding[];
  people: string[];
  teams: string[];
  channels: string[];
}

export interface WatchResult {
  now: string;
  /** Incidents with findings, most urgent first (highest level, then longest overdue). */
  incidents: WatchIncident[];
  summary: {
    /** Incidents read, open ones among them, and those with findings. */
    incidents: number;
    open: number;
    with_findings: number;
    findings: number;
    by_kind: Record<WatchKind, number>;
  };
}

const DAY = 86_400_000;

const BOX_KIND: Record<TimeBoxName, WatchKind> = {
  acknowledge: 'timebox', contain: 'timebox', resolve: 'timebox', update_every: 'update', review_within: 'review',
};

const BOX_TEXT: Record<TimeBoxName, string> = {
  acknowledge: 'not acknowledged within the acknowledge box',
  contain: 'not contained within the contain box',
  resolve: 'not resolved within the resolve box',
  update_every: 'stakeholder update is late',
  review_within: 'post-incident review not held within the review box',
};

const uniq = (xs: Iterable<string>) => [...new Set(xs)];

function toWatchTarget(t: ResolvedTarget): WatchTarget {
  return { target: t.target, known: t.known, logins: t.logins, github_teams: t.githubTeams, channels: t.channels };
}

function escalationOf(state: EscalationState | undefined, due: number, levels: number): WatchEscalation | null {
  if (!state) return null;
  const afterMs = state.level && state.after ? parseDuration(state.after) : undefined;
  return {
    policy: state.policy,
    team: state.team,
    via: state.via,
    level: state.level,
    levels,
    after: state.after ?? null,
    since: afterMs !== undefined ? toIso(due + afterMs) : null,
    next: state.next ? { level: state.next.level, after: state.next.after, at: toIso(due + state.next.afterMs) } : null,
  };
}

/** Who must be told about one finding of `inc`, at `now`. */
function audience(idx: RepoIndex, inc: Incident, state: EscalationState | undefined, now: number, extra: string[]): WatchTarget[] {
  const targets: ResolvedTarget[] = [...(state?.targets ?? [])];
  if (!targets.length) {
    const owner = inc.roles?.owner;
    const producer = idx.datasets.get(inc.datasets?.[0])?.dataset.producer;
    const fallback = owner ? `user:${owner}` : producer ? `oncall:${producer}` : undefined;
    const r = fallback ? resolveTarget(idx, fallback, now) : undefined;
    if (r) targets.push(r);
  }
  for (const t of extra) {
    if (targets.some((x) => x.target === t)) continue;
    const r = resolveTarget(idx, t, now);
    if (r) targets.push(r);
  }
  return targets.map(toWatchTarget);
}

function finding(
  idx: RepoIndex, inc: Incident, file: string, now: number,
  f: { kind: WatchKind; box: TimeBoxName | null; action_item: string | null; message: string; from: string; due: number; extra?: string[] },
): WatchFinding {
  const overdue = now - f.due;
  const state = escalationAt(idx, inc, overdue, now);
  const levels = state ? idx.policies.get(state.policy)?.levels?.length ?? 0 : 0;
  const notify = audience(idx, inc, state, now, f.extra ?? []);
  return {
    incident: inc.id,
    file,
    kind: f.kind,
    box: f.box,
    action_item: f.action_item,
    message: f.message,
    from: f.from,
    due: toIso(f.due),
    overdue_by: toIsoDuration(overdue),
    overdue_seconds: Math.floor(overdue / 1000),
    escalation: escalationOf(state, f.due, levels),
    notify,
    people: uniq(notify.flatMap((t) => t.logins)),
    teams: uniq(notify.flatMap((t) => t.github_teams)),
    channels: uniq(notify.flatMap((t) => t.channels)),
  };
}

/** The findings of one incident at `now` (none for an unknown severity). */
export function watchIncident(idx: RepoIndex, inc: Incident, file: string, now: number): WatchFinding[] {
  const out: WatchFinding[] = [];
  const severity = severityOf(idx, inc.severity);
  if (severity) {
    for (const o of overruns(inc, severity, now)) {
      out.push(finding(idx, inc, file, now, {
        kind: BOX_KIND[o.box], box: o.box, action_item: null,
        message: `${BOX_TEXT[o.box]} (${o.length} from ${o.from.field}, due ${toIso(o.due)})`,
        from: o.from.field, due: o.due,
      }));
    }
  }
  (inc.review?.action_items ?? []).forEach((a, i) => {
    if (a.status === 'done') return;
    const due = parseInstant(a.due);
    if (due === undefined) return;
    // Due by the end of the due date, UTC (as the metrics count it).
    const dueEnd = /^\d{4}-\d{2}-\d{2}$/.test(a.due) ? due + DAY : due;
    if (now < dueEnd) return;
    out.push(finding(idx, inc, file, now, {
      kind: 'action_item', box: null, action_item: a.id,
      message: `action item ${a.id} (${a.type}, ${a.owner}) is still open after its due date ${a.due}`,
      from: `review.action_items[${i}].due`, due: dueEnd, extra: [`team:${a.owner}`],
    }));
  });
  return out;
}

/** Every finding of every incident in the index at `now` (epoch ms). */
export function computeWatch(idx: RepoIndex, now: number): WatchResult {
  const byKind = Object.fromEntries(WATCH_KINDS.map((k) => [k, 0])) as Record<WatchKind, number>;
  const incidents: WatchIncident[] = [];
  let read = 0;
  let open = 0;
  for (const file of idx.model.incidents) {
    if (!file.valid) continue;
    const inc = file.data;
    read++;
    if (isOpen(inc.status)) open++;
    const findings = watchIncident(idx, inc, file.path, now);
    if (!findings.length) continue;
    for (const f of findings) byKind[f.kind]++;
    incidents.push({
      id: inc.id,
      file: file.path,
      title: inc.title,
      severity: inc.severity,
      status: inc.status,
      drill: inc.drill === true,
      owner: inc.roles?.owner ?? null,
      level: Math.max(...findings.map((f) => f.escalation?.level ?? 0)),
      findings,
      people: uniq(findings.flatMap((f) => f.people)),
      teams: uniq(findings.flatMap((f) => f.teams)),
      channels: uniq(findings.flatMap((f) => f.channels)),
    });
  }
  const worst = (w: WatchIncident) => Math.max(...w.findings.map((f) => f.overdue_seconds));
  incidents.sort((a, b) => b.level - a.level || worst(b) - worst(a) || a.id.localeCompare(b.id));
  return {
    now: toIso(now),
    incidents,
    summary: {
      incidents: read,
      open,
      with_findings: incidents.length,
      findings: incidents.reduce((n, w) => n + w.findings.length, 0),
      by_kind: byKind,
    },
  };
}
