/**
 * When an incident leaves a stage, the runbook's `evidence` for that stage must be present as
 * ledger entries of those kinds (one entry of each kind listed). A stage is left when the incident
 * enters the status that ends it (lifecycle STAGES_ENDED_BY): entering contained ends containment.
 * The runbook is read from head. A waiver { rule: STAGE_EVIDENCE } may name, as its stage, the
 * status left or the status entered. A status skipped under a waiver imposes nothing of its own
 * (lifecycle `waived`), so the stages only it would end need no evidence.
 */
import { CURRENT_STAGE, STAGES_ENDED_BY, waivedStatuses } from '../../lifecycle.js';
import type { Status } from '../../schema/incident.js';
import type { RunbookStage } from '../../schema/common.js';
import type { ChangeRule } from '../types.js';
import { list, statusOf, validHead } from '../values.js';
import { enteredStatuses, skippedStatuses } from './lifecycle-transition.js';

/** The open status during which a runbook stage is worked (its CURRENT_STAGE). */
function statusWorking(stage: RunbookStage): Status | undefined {
  return (Object.keys(CURRENT_STAGE) as Status[]).find((s) => s !== 'closed' && s !== 'declined' && CURRENT_STAGE[s] === stage);
}

export const stageEvidence: ChangeRule = {
  name: 'stage-evidence',
  run(ctx) {
    for (const c of ctx.changes) {
      const inc = validHead(c);
      const to = statusOf(c.head);
      if (!inc || !to || (c.kind !== 'added' && !statusOf(c.base))) continue;
      const runbook = inc.runbook ? ctx.head.runbooks.get(inc.runbook)?.data : undefined;
      if (!runbook?.stages) continue;
      const kinds = new Set(list<{ kind?: unknown }>(inc.ledger).map((e) => e?.kind));
      const waived = waivedStatuses(inc);
      const skipped = skippedStatuses(statusOf(c.base), to).filter((s) => waived.has(s));
      for (const entered of enteredStatuses(statusOf(c.base), to)) {
        if (skipped.includes(entered)) continue;
        for (const stage of STAGES_ENDED_BY[entered]) {
          const wanted = [...new Set(runbook.stages[stage]?.evidence ?? [])];
          const missing = wanted.filter((k) => !kinds.has(k));
          if (!missing.length) continue;
          const left = statusWorking(stage);
          ctx.report({
            code: 'STAGE_EVIDENCE', file: c.head!.path, place: { path: ['status'] },
            message: `entering ${entered} ends the ${stage} stage, and runbook ${runbook.id} requires ledger evidence of kind ${missing.join(', ')} for it`,
            hint: `Append ledger entries of kind ${missing.join(', ')} (runbooks/${runbook.id}.yaml, stages.${stage}.evidence).`,
            waivable: { change: c, stages: left ? [left, entered] : [entered] },
          });
        }
      }
    }
  },
};
