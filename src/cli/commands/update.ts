import type { Command } from '../command.js';
import { requireOption, stringOption } from '../command.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, oneOf, openIncident, runEdit, textArg } from '../authoring.js';
import { addUpdate } from '../../core/authoring/edits.js';
import { AUDIENCES } from '../../core/schema/incident.js';
import { RUNBOOK_STAGES } from '../../core/schema/common.js';

const USAGE = `update <id> --audience internal|consumers|exec|external [--stage S] ${EDIT_USAGE} "text"`;

/** `sitrep update`: record a stakeholder update that was sent. */
export const updateCommand: Command = {
  name: 'update',
  summary: 'Record a stakeholder update sent to an audience (internal, consumers, exec, external).',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, audience: { type: 'string' }, stage: { type: 'string' } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    const audience = oneOf(requireOption(ctx, 'audience', USAGE), AUDIENCES, '--audience')!;
    const stage = oneOf(stringOption(ctx, 'stage'), RUNBOOK_STAGES, '--stage');
    const text = textArg(rest, USAGE);
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => addUpdate(inc.doc, { audience, stage, text }, inc.edit));
    return commitIncident(ctx, inc, [line]);
  },
};
