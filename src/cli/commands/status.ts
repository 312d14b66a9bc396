import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, oneOf, openIncident, runEdit } from '../authoring.js';
import { changeStatus } from '../../core/authoring/edits.js';
import { stageChecklist } from '../../core/authoring/new-incident.js';
import { CURRENT_STAGE, isOpen } from '../../core/lifecycle.js';
import { STATUSES } from '../../core/schema/incident.js';

const USAGE = `status <id> <detected|triaged|contained|remediated|verified|closed|declined> [--reason TEXT] ${EDIT_USAGE}`;

/** `sitrep status`: move an incident, setting the stage's timestamp, or refuse with what is missing. */
export const statusCommand: Command = {
  name: 'status',
  summary: "Move an incident to a status and set the stage's timestamp; refuses (exit 1) with the missing requirements.",
  usage: USAGE,
  options: { ...EDIT_OPTIONS, reason: { type: 'string' } },
  async run(ctx) {
    const [id, target, ...extra] = ctx.positionals;
    if (!target || extra.length) throw new UsageError(`usage: sitrep ${USAGE}`);
    const to = oneOf(target, STATUSES, 'the status')!;
    const inc = await openIncident(ctx, id);
    const { summary, plan } = runEdit(() => changeStatus(inc.doc, { to, reason: stringOption(ctx, 'reason') }, inc.edit));
    const code = await commitIncident(ctx, inc, [summary]);
    const runbook = inc.doc.data.runbook ? inc.idx.runbooks.get(inc.doc.data.runbook)?.data : undefined;
    if (runbook && isOpen(plan.to) && plan.move !== 'back' && !ctx.values['dry-run']) {
      ctx.io.stdout(`\nNext stage, as a checklist:\n${stageChecklist(runbook, CURRENT_STAGE[plan.to], inc.doc.data.id)}`);
    }
    return code;
  },
};
