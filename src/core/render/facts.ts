/**
 * Facts about one incident that the documents and the site show: severity, plain-word status,
 * the next update due (cadence), the next time box, ages and durations. Time boxes come from
 * src/core/timeboxes.ts, so every output computes them the same way.
 */
import type { Incident, Status, Audience, UpdateT } from '../schema/incident.js';
import { timeBoxes } from '../timeboxes.js';
import type { TimeBoxName } from '../schema/config.js';
import { isOpen, rank } from '../lifecycle.js';
import { severityOf, type RepoIndex } from '../repo-index.js';
import { parseInstant } from '../time.js';

export const STATUS_TEXT: Record<Status, string> = {
  detected: 'Detected: being triaged',
  triaged: 'Triaged: an owner is working on containment',
  contained: 'Contained: the impact has stopped growing; the root cause is being fixed',
  remediated: 'Remediated: the fix is in; the data is being verified',
  verified: 'Verified: the data can be trusted again; closing',
  closed: 'Closed',
  declined: 'Declined: a false alarm',
};

/** What is being done in each status, in words an outside reader understands. */
export const DOING_TEXT: Record<Status, string> = {
  detected: 'We are investigating the issue and assessing its impact.',
  triaged: 'We have identified the affected data and are working to stop the impact from growing.',
  contained: 'The impact is contained. We are fixing the cause.',
  remediated: 'A fix is in place. We are verifying the data before declaring it trustworthy again.',
  verified: 'The data has been verified and can be trusted again.',
  closed: 'The incident is closed.',
  declined: 'This was a false alarm; no data was affected.',
};

export interface SeverityFacts { id: string; name: string; rank: number }

export function severityFacts(idx: RepoIndex, id: string): SeverityFacts {
  const list = idx.config?.taxonomy.severities ?? [];
  const i = list.findIndex((s) => s.id === id);
  return { id, name: i >= 0 ? list[i].name : id, rank: i >= 0 ? i : list.length };
}

/** Which updates an audience may see: internal sees all; exec also consumers and external; consumers also external. */
export const VISIBLE_UPDATES: Record<Audience, readonly Audience[]> = {
  internal: ['internal', 'exec', 'consumers', 'external'],
  exec: ['exec', 'consumers', 'external'],
  consumers: ['consumers', 'external'],
  external: ['external'],
};

export function updatesFor(inc: Incident, audience: Audience): UpdateT[] {
  const allowed = VISIBLE_UPDATES[audience];
  return (inc.updates ?? []).filter((u) => allowed.includes(u.audience));
}

export interface NextUpdate {
  /** Epoch ms when the next update is due. */
  due: number;
  /** The severity's update_every. */
  every: string;
}

/** Next update due = last update (or detected_at) + the severity's update_every (src/core/timeboxes.ts); undefined once closed. */
export function nextUpdateDue(idx: RepoIndex, inc: Incident): NextUpdate | undefined {
  const sev = severityOf(idx, inc.severity);
  const w = sev ? timeBoxes(inc, sev).find((b) => b.box === 'update_every') : undefined;
  return w?.applies ? { due: w.due, every: w.length } : undefined;
}

export interface TimeBoxState {
  box: TimeBoxName;
  /** Epoch ms when the box ends. */
  due: number;
  /** The box's ISO-8601 duration. */
  length: string;
  overdue: boolean;
}

/** The time boxes still running (they apply and their end is unset), earliest due first. */
export function openTimeBoxes(idx: RepoIndex, inc: Incident, now: number): TimeBoxState[] {
  const sev = severityOf(idx, inc.severity);
  if (!sev) return [];
  return timeBoxes(inc, sev)
    .filter((w) => w.applies && w.end.at === undefined)
    .map((w) => ({ box: w.box, due: w.due, length: w.length, overdue: now > w.due }))
    .sort((a, b) => a.due - b.due);
}

/** The next time box: the earliest still running (an overdue one is the earliest). */
export function nextTimeBox(idx: RepoIndex, inc: Incident, now: number): TimeBoxState | undefined {
  return openTimeBoxes(idx, inc, now)[0];
}

export const BOX_LABEL: Record<TimeBoxName, string> = {
  acknowledge: 'acknowledge',
  contain: 'contain',
  resolve: 'resolve',
  update_every: 'next update',
  review_within: 'review',
};

/** Open incidents first (most severe, then oldest detection), then the rest by newest detection. */
export function compareIncidents(idx: RepoIndex) {
  const sevRank = new Map((idx.config?.taxonomy.severities ?? []).map((s, i) => [s.id, i]));
  return (a: Incident, b: Incident): number => {
    const ao = isOpen(a.status) ? 0 : 1;
    const bo = isOpen(b.status) ? 0 : 1;
    if (ao !== bo) return ao - bo;
    const at = parseInstant(a.detected_at) ?? 0;
    const bt = parseInstant(b.detected_at) ?? 0;
    if (ao === 0) {
      const s = (sevRank.get(a.severity) ?? 99) - (sevRank.get(b.severity) ?? 99);
      return s || at - bt || a.id.localeCompare(b.id);
    }
    return bt - at || b.id.localeCompare(a.id);
  };
}

/** Duration between two timestamp fields, ms, when both are set. */
export function span(from: unknown, to: unknown): number | undefined {
  const a = parseInstant(from);
  const b = parseInstant(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

export { rank as statusRank };
