import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, listOption, openIncident, runEdit, textArg } from '../authoring.js';
import { addEscalation } from '../../core/authoring/edits.js';

const USAGE = `escalate <id> --to TARGET [--to TARGET]… ${EDIT_USAGE} "reason"`;

/** `sitrep escalate`: record an escalation to oncall:, team:, user:, exec: or vendor: targets. */
export const escalateCommand: Command = {
  name: 'escalate',
  summary: 'Record an escalation to oncall:<team>, team:<team>, user:<login>, exec:<id> or vendor:<id>.',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, to: { type: 'string', multiple: true } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    const to = listOption(ctx, 'to');
    if (!to?.length) throw new UsageError(`--to is required\nusage: sitrep ${USAGE}`);
    const reason = textArg(rest, USAGE, 'the reason');
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => addEscalation(inc.doc, { to, reason }, inc.edit));
    return commitIncident(ctx, inc, [line]);
  },
};
