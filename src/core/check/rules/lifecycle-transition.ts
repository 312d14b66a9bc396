/**
 * Status moves forward one stage at a time; a skip needs a waiver whose `stage` names each skipped
 * status. A move back (a reopen) is allowed only before closed, with a ledger `decision` entry
 * added in the same PR. A new incident counts as entering `detected`, so it may be created at
 * detected or triaged (or declined); later statuses skip stages.
 */
import { FORWARD, rank } from '../../lifecycle.js';
import type { Status } from '../../schema/incident.js';
import type { ChangeRule, IncidentChange } from '../types.js';
import { addedEntries, isClosedStatus, isObj, list, statusOf } from '../values.js';

/** The statuses a change passes through, in order, without the one it starts from. */
export function enteredStatuses(from: Status | undefined, to: Status): Status[] {
  if (from === to) return [];
  if (to === 'declined') return from === undefined ? ['detected', 'declined'] : ['declined'];
  if (from === undefined) return FORWARD.slice(0, FORWARD.indexOf(to) + 1);
  if (isClosedStatus(from) || rank(to) < rank(from)) return [];
  return FORWARD.slice(FORWARD.indexOf(from) + 1, FORWARD.indexOf(to) + 1);
}

/** The statuses skipped by a forward move: entered, but neither the first step nor the target. */
export function skippedStatuses(from: Status | undefined, to: Status): Status[] {
  if (to === 'declined') return [];
  const entered = enteredStatuses(from ?? undefined, to);
  // A new incident enters at detected, which is its start rather than a step.
  const steps = from === undefined ? entered.slice(1) : entered;
  return steps.slice(0, -1);
}

export function addedDecision(c: IncidentChange): boolean {
  const base = list(isObj(c.base?.data) ? c.base!.data.ledger : undefined);
  const head = list(isObj(c.head?.data) ? c.head!.data.ledger : undefined);
  return addedEntries(base, head).some(({ entry }) => isObj(entry) && entry.kind === 'decision');
}

export const lifecycleTransition: ChangeRule = {
  name: 'lifecycle-transition',
  run(ctx) {
    for (const c of ctx.changes) {
      if (!c.head) continue;
      const to = statusOf(c.head);
      const from = statusOf(c.base);
      if (!to || (c.kind !== 'added' && !from) || from === to) continue;
      const file = c.head.path;
      const fromText = from ?? 'a new incident';
      if (from && (isClosedStatus(from) ? to !== 'closed' && to !== 'declined' : rank(to) < rank(from))) {
        if (isClosedStatus(from)) {
          ctx.report({
            code: 'LIFECYCLE_REOPEN', file, place: { path: ['status'] },
            message: `status moves back from ${from} to ${to}, but ${c.id} is ${from}: only an incident not yet closed can be reopened`,
            hint: `If the fault came back, open a new incident with regression_of: ${c.id}.`,
          });
        } else if (!addedDecision(c)) {
          ctx.report({
            code: 'LIFECYCLE_REOPEN', file, place: { path: ['status'] },
            message: `status moves back from ${from} to ${to} without a ledger \`decision\` entry added in this PR`,
            hint: 'Append a ledger entry of kind decision that says why the incident is reopened.',
            waivable: { change: c },
          });
        }
        continue;
      }
      for (const skipped of skippedStatuses(from, to)) {
        ctx.report({
          code: 'LIFECYCLE_SKIP', file, place: { path: ['status'] },
          message: `status moves from ${fromText} to ${to}, skipping ${skipped}; a skip needs a waiver whose stage is ${skipped}`,
          hint: `Move one stage per PR, or add { rule: LIFECYCLE_SKIP, stage: ${skipped}, reason: "...", approved_by: <login> } to waivers.`,
          waivable: { change: c, stages: [skipped], needsStage: true },
        });
      }
    }
  },
};
