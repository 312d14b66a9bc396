/**
 * `sitrep status`: may this incident move to that status, and what changes when it does.
 * Every fact comes from lifecycle.ts (order, timestamps, requirements) and signoff.ts (who
 * must sign); this module only decides the move and lists what stops it.
 */
import {
  CURRENT_STAGE, FORWARD, STAGES_ENDED_BY, STATUS_TIMESTAMP, TIMESTAMP_ORDER, allowedTimestamps, isOpen, rank, unmetRequirements,
  type TimestampField,
} from '../lifecycle.js';
import { requirementContext } from '../signoff.js';
import type { RepoIndex } from '../repo-index.js';
import type { Incident, Status } from '../schema/incident.js';
import type { LedgerKind, RunbookStage } from '../schema/common.js';
import { formatPath } from '../finding.js';

export type StatusMove = 'forward' | 'skip' | 'back' | 'decline';

export interface StatusPlan {
  from: Status;
  to: Status;
  move: StatusMove;
  /** When (ISO-8601, UTC). */
  at: string;
  /** Timestamps to set (the target's and those of skipped stages not yet set). */
  set: Partial<Record<TimestampField, string>>;
  /** Timestamps of stages after the target, removed on a move back. */
  remove: TimestampField[];
  /** Statuses skipped by a forward move (each covered by a waiver). */
  skipped: Status[];
  /** A ledger decision entry to add (a move back, or a decline, with --reason). */
  decision?: string;
}

export type StatusDecision = { ok: true; plan: StatusPlan } | { ok: false; message: string; reasons: string[] };

export interface StatusRequest {
  to: Status;
  /** When the incident entered the status (ISO-8601, UTC). */
  at: string;
  /** Why: required for a move back; for a decline it becomes the decision entry when there is none. */
  reason?: string;
}

/** The ledger kinds a runbook asks for when the incident leaves `stage`, that the ledger lacks. */
export function missingEvidence(idx: RepoIndex, inc: Incident, stage: RunbookStage): LedgerKind[] {
  const runbook = inc.runbook ? idx.runbooks.get(inc.runbook)?.data : undefined;
  const wanted = runbook?.stages?.[stage]?.evidence ?? [];
  const have = new Set((inc.ledger ?? []).map((e) => e.kind));
  return [...new Set(wanted)].filter((k) => !have.has(k));
}

export function planStatusChange(idx: RepoIndex, inc: Incident, req: StatusRequest): StatusDecision {
  const from = inc.status;
  const { to, at } = req;
  const refuse = (message: string, reasons: string[] = []): StatusDecision => ({ ok: false, message, reasons });
  if (from === to) return refuse(`${inc.id} is already ${to}`);
  if (!isOpen(from)) {
    return refuse(`${inc.id} is ${from}: a closed incident is frozen except for its review`, [
      'If the fault came back, open a new incident with `sitrep new … --regression-of ' + inc.id + '`.',
    ]);
  }
  const atMs = Date.parse(at);
  const plan: StatusPlan = { from, to, move: 'forward', at, set: {}, remove: [], skipped: [] };
  // Every reason is listed at once: a refusal says everything that stands in the way.
  const reasons: string[] = [];

  if (to === 'declined') {
    plan.move = 'decline';
    const later = TIMESTAMP_ORDER.filter((f) => inc[f] && !allowedTimestamps('declined').has(f));
    if (later.length) {
      return refuse(`${inc.id} cannot be declined from ${from}`, [
        `declined is for a false alarm found before remediation; ${later.join(', ')} ${later.length === 1 ? 'is' : 'are'} already set.`,
      ]);
    }
    if (req.reason) plan.decision = req.reason;
    plan.set.closed_at = at;
  } else if (rank(to) < rank(from)) {
    plan.move = 'back';
    if (!req.reason) return refuse(`moving ${inc.id} back from ${from} to ${to} (a reopen) needs a reason`, ['Pass --reason "why": it becomes a ledger decision entry in the same change.']);
    plan.decision = req.reason;
    const keep = allowedTimestamps(to);
    plan.remove = TIMESTAMP_ORDER.filter((f) => inc[f] && !keep.has(f));
  } else {
    const between = FORWARD.slice(rank(from) + 1, rank(to));
    plan.skipped = between;
    if (between.length) {
      plan.move = 'skip';
      const waived = new Set((inc.waivers ?? []).filter((w) => w.rule === 'LIFECYCLE_SKIP').map((w) => w.stage));
      const unwaived = between.filter((x) => !waived.has(x));
      if (unwaived.length) {
        reasons.push(`status moves forward one stage at a time (next: ${FORWARD[rank(from) + 1]}); skipping ${unwaived.join(', ')} needs a waiver for each: sitrep waive ${inc.id} --stage ${unwaived[0]} --approved-by <login> "why"`);
      }
    }
    for (const s of [...between, to]) {
      const field = STATUS_TIMESTAMP[s];
      if (!inc[field]) plan.set[field] = at;
    }
  }

  // The new timestamp must not come before the ones already set.
  for (const field of Object.keys(plan.set) as TimestampField[]) {
    for (const earlier of TIMESTAMP_ORDER.slice(0, TIMESTAMP_ORDER.indexOf(field))) {
      const v = inc[earlier];
      if (v && !plan.remove.includes(earlier) && Date.parse(v) > atMs) {
        reasons.push(`${field} would be ${at}, before ${earlier} (${v}); pass --at with a later time`);
      }
    }
  }
  const after = applyPlan(inc, plan);
  const ctx = requirementContext(idx, after);
  const unmet = unmetRequirements(to, after, ctx);
  for (const r of unmet) reasons.push(`${r.message}${r.path.length ? ` (at ${formatPath(r.path)})` : ''}${r.hint ? `. ${r.hint}` : ''}`);
  // Leaving a stage needs the runbook's evidence for it in the ledger.
  if (plan.move !== 'back') {
    const passed = plan.move === 'decline' ? [] : FORWARD.slice(rank(from) + 1, rank(to) + 1);
    const evidenceWaived = (statuses: readonly Status[]) =>
      (inc.waivers ?? []).some((w) => w.rule === 'STAGE_EVIDENCE' && (w.stage === undefined || statuses.includes(w.stage)));
    for (const s of passed) {
      for (const stage of STAGES_ENDED_BY[s]) {
        const missing = missingEvidence(idx, after, stage);
        const left = FORWARD.find((x) => CURRENT_STAGE[x] === stage);
        if (missing.length && !evidenceWaived(left ? [left, s] : [s])) {
          reasons.push(`leaving the ${stage} stage needs ledger entries of kind ${missing.join(', ')} (runbook ${after.runbook}): sitrep log ${inc.id} --kind ${missing[0]} "…"`);
        }
      }
    }
  }
  if (reasons.length) return refuse(`${inc.id} may not move from ${from} to ${to} yet`, [...new Set(reasons)]);
  return { ok: true, plan };
}

/** The incident data after a plan (for checking requirements before anything is written). */
export function applyPlan(inc: Incident, plan: StatusPlan): Incident {
  const out: Incident = { ...inc, status: plan.to, ...plan.set };
  for (const f of plan.remove) delete out[f];
  if (plan.decision) {
    out.ledger = [...(inc.ledger ?? []), { at: plan.at, by: 'sitrep', kind: 'decision', text: plan.decision }];
  }
  return out;
}
