import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, listOption, openIncident, runEdit, textArg } from '../authoring.js';
import { addMitigation, applyMitigation, rollbackMitigation } from '../../core/authoring/edits.js';

const USAGE = [
  `mitigate <id> add "action" [--reversible --rollback TEXT --pre TEXT… --post TEXT…] [--assessment TEXT] [--owner LOGIN] [--apply] ${EDIT_USAGE}`,
  `mitigate <id> apply M1 [--no-log] ${EDIT_USAGE}`,
  `mitigate <id> rollback M1 [--no-log] ${EDIT_USAGE}`,
].join('\n       sitrep ');

/** `sitrep mitigate`: mitigations under change management, applied and rolled back. */
export const mitigateCommand: Command = {
  name: 'mitigate',
  summary: 'Add a mitigation (with its rollback plan), apply it, or roll it back; each change is logged in the ledger.',
  usage: USAGE,
  options: {
    ...EDIT_OPTIONS,
    reversible: { type: 'boolean' }, rollback: { type: 'string' }, pre: { type: 'string', multiple: true }, post: { type: 'string', multiple: true },
    assessment: { type: 'string' }, owner: { type: 'string' }, apply: { type: 'boolean' }, 'no-log': { type: 'boolean' },
  },
  async run(ctx) {
    const [id, verb, ...rest] = ctx.positionals;
    const inc = await openIncident(ctx, id);
    const edit = { ...inc.edit, noLog: !!ctx.values['no-log'] };
    let line: string;
    switch (verb) {
      case 'add': {
        const action = textArg(rest, USAGE, 'the action');
        line = runEdit(() => addMitigation(inc.doc, {
          action, reversible: !!ctx.values.reversible, rollback: stringOption(ctx, 'rollback'),
          preconditions: listOption(ctx, 'pre'), postconditions: listOption(ctx, 'post'), impact_assessment: stringOption(ctx, 'assessment'),
          owner: stringOption(ctx, 'owner')?.replace(/^@/, ''), apply: !!ctx.values.apply,
        }, edit)).summary;
        break;
      }
      case 'apply':
      case 'rollback': {
        const [mid, ...extra] = rest;
        if (!mid || extra.length) throw new UsageError(`which mitigation? e.g. sitrep mitigate ${id} ${verb} M1`);
        line = runEdit(() => (verb === 'apply' ? applyMitigation : rollbackMitigation)(inc.doc, mid, edit));
        break;
      }
      default:
        throw new UsageError(`mitigate takes add, apply or rollback, not ${verb ? `"${verb}"` : 'nothing'}\nusage: sitrep ${USAGE}`);
    }
    return commitIncident(ctx, inc, [line]);
  },
};
