import type { Command } from '../command.js';
import { requireOption, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, openIncident, runEdit, textArg } from '../authoring.js';
import { addRemediation, completeRemediation } from '../../core/authoring/edits.js';

const USAGE = [
  `remediation <id> add "action" --owner TEAM [--link URL] [--done] ${EDIT_USAGE}`,
  `remediation <id> done N [--link URL] ${EDIT_USAGE}`,
].join('\n       sitrep ');

/** `sitrep remediation`: the fixes, each with an owning team. */
export const remediationCommand: Command = {
  name: 'remediation',
  summary: 'Add a remediation action with its owning team, or mark action N (from 1) done.',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, owner: { type: 'string' }, link: { type: 'string' }, done: { type: 'boolean' } },
  async run(ctx) {
    const [id, verb, ...rest] = ctx.positionals;
    let line: string;
    if (verb === 'add') {
      const action = textArg(rest, USAGE, 'the action');
      const owner = requireOption(ctx, 'owner', USAGE);
      const inc = await openIncident(ctx, id);
      line = runEdit(() => addRemediation(inc.doc, { action, owner, link: stringOption(ctx, 'link'), done: !!ctx.values.done }, inc.edit));
      return commitIncident(ctx, inc, [line]);
    }
    if (verb === 'done') {
      const n = Number(rest[0]);
      if (!Number.isInteger(n) || n < 1 || rest.length !== 1) throw new UsageError(`which action? e.g. sitrep remediation ${id} done 1`);
      const inc = await openIncident(ctx, id);
      line = runEdit(() => completeRemediation(inc.doc, n, { link: stringOption(ctx, 'link') }, inc.edit));
      return commitIncident(ctx, inc, [line]);
    }
    throw new UsageError(`remediation takes add or done, not ${verb ? `"${verb}"` : 'nothing'}\nusage: sitrep ${USAGE}`);
  },
};
