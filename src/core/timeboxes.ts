/**
 * Time boxes of an incident (DOMAIN.md, "Time boxes"): when each box of its severity is due,
 * whether it is still running, and which boxes are overrun at a given "now".
 *
 * One module so that `check`, `watch`, the stakeholder update ("next update due") and the
 * metrics compute the same numbers from the same files. Pure: no clock, no I/O; `now` is passed in.
 *
 * | box           | from                                         | ends with        | applies while            |
 * |---------------|----------------------------------------------|------------------|--------------------------|
 * | acknowledge   | detected_at                                  | acknowledged_at  | open                     |
 * | contain       | detected_at                                  | contained_at     | open                     |
 * | resolve       | detected_at                                  | resolved_at      | open                     |
 * | update_every  | the latest stakeholder update, else detected_at | the next update | open                     |
 * | review_within | closed_at                                    | review.held_at   | closed, when the severity requires a review or a `review` is recorded |
 *
 * "Overdue": the box applies, its end is still unset, and now is strictly past `due`.
 * A box whose end is set is not an overrun, even when it ended late (that is adherence, for metrics).
 * Stakeholder updates of every audience count for update_every; the latest `at` wins, whatever
 * its position in the list, and an update dated before detected_at does not move the start back.
 */
import type { Incident } from './schema/incident.js';
import type { SeverityConfig, TimeBoxName } from './schema/config.js';
import type { YamlPath } from './finding.js';
import { isOpen } from './lifecycle.js';
import { parseDuration, parseInstant } from './time.js';

export type { TimeBoxName };

/** The boxes in the order they are reported. */
export const TIME_BOXES: readonly TimeBoxName[] = ['acknowledge', 'contain', 'resolve', 'update_every', 'review_within'];

/** One time box of one incident. Times are epoch milliseconds. */
export interface TimeBoxWindow {
  box: TimeBoxName;
  /** The box length as the config writes it (`PT30M`), and in milliseconds. */
  length: string;
  lengthMs: number;
  /** What the box is measured from: a field name (`detected_at`, `closed_at`) or `updates[3].at`, its YAML path and time. */
  from: { field: string; path: YamlPath; at: number };
  /** What ends the box: a field name (`acknowledged_at`, `review.held_at`) or `next update`; `at` when it is set. */
  end: { field: string; at?: number };
  /** from.at + length. */
  due: number;
  /** Whether the box applies to the incident's current status (see the table above). */
  applies: boolean;
}

/** A box that is overdue at `now`. */
export interface Overrun extends TimeBoxWindow {
  /** now − due, > 0. */
  overdueMs: number;
}

const DETECTED_BOXES: readonly { box: 'acknowledge' | 'contain' | 'resolve'; end: 'acknowledged_at' | 'contained_at' | 'resolved_at' }[] = [
  { box: 'acknowledge', end: 'acknowledged_at' },
  { box: 'contain', end: 'contained_at' },
  { box: 'resolve', end: 'resolved_at' },
];

/** The latest stakeholder update (by `at`), or undefined when there is none with a valid time. */
export function latestUpdate(inc: Incident): { index: number; at: number } | undefined {
  let best: { index: number; at: number } | undefined;
  (Array.isArray(inc.updates) ? inc.updates : []).forEach((u, index) => {
    const at = parseInstant(u?.at);
    if (at !== undefined && (!best || at >= best.at)) best = { index, at };
  });
  return best;
}

/**
 * Every box of the severity that can be computed for the incident (a box whose start is unset,
 * or whose length is not a valid duration, is left out). `applies` says whether it runs now.
 */
export function timeBoxes(inc: Incident, severity: SeverityConfig): TimeBoxWindow[] {
  const out: TimeBoxWindow[] = [];
  const boxes = severity.time_boxes;
  const open = isOpen(inc.status);
  const detected = parseInstant(inc.detected_at);
  const window = (box: TimeBoxName, from: TimeBoxWindow['from'], end: TimeBoxWindow['end'], applies: boolean) => {
    const length = boxes?.[box];
    const lengthMs = parseDuration(length);
    if (lengthMs === undefined || length === undefined) return;
    out.push({ box, length, lengthMs, from, end, due: from.at + lengthMs, applies });
  };
  if (detected !== undefined) {
    const fromDetected = { field: 'detected_at', path: ['detected_at'], at: detected };
    for (const { box, end } of DETECTED_BOXES) {
      const endAt = parseInstant(inc[end]);
      window(box, fromDetected, { field: end, ...(endAt !== undefined ? { at: endAt } : {}) }, open);
    }
    const last = latestUpdate(inc);
    const from = last && last.at >= detected
      ? { field: `updates[${last.index}].at`, path: ['updates', last.index, 'at'], at: last.at }
      : fromDetected;
    window('update_every', from, { field: 'next update' }, open);
  }
  const closed = parseInstant(inc.closed_at);
  if (closed !== undefined) {
    const held = parseInstant(inc.review?.held_at);
    const reviewed = severity.review_required || inc.review !== undefined;
    window('review_within', { field: 'closed_at', path: ['closed_at'], at: closed },
      { field: 'review.held_at', ...(held !== undefined ? { at: held } : {}) }, inc.status === 'closed' && reviewed);
  }
  return out;
}

/** The boxes that are overdue at `now`: they apply, their end is unset, and now > due. */
export function overruns(inc: Incident, severity: SeverityConfig, now: number): Overrun[] {
  return timeBoxes(inc, severity)
    .filter((w) => w.applies && w.end.at === undefined && now > w.due)
    .map((w) => ({ ...w, overdueMs: now - w.due }));
}

/** When the next stakeholder update is due (for an open incident), or undefined. */
export function nextUpdateDue(inc: Incident, severity: SeverityConfig): number | undefined {
  const w = timeBoxes(inc, severity).find((b) => b.box === 'update_every');
  return w?.applies ? w.due : undefined;
}
