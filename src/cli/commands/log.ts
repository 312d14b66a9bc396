import type { Command } from '../command.js';
import { requireOption } from '../command.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, listOption, oneOf, openIncident, runEdit, textArg } from '../authoring.js';
import { addLedgerEntry } from '../../core/authoring/edits.js';
import { LEDGER_KINDS } from '../../core/schema/common.js';

const USAGE = `log <id> --kind hypothesis|evidence|change|decision|note [--link URL]… ${EDIT_USAGE} "text"`;

export const logCommand: Command = {
  name: 'log',
  summary: 'Append a ledger entry (hypothesis, evidence, change, decision, note).',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, kind: { type: 'string' }, link: { type: 'string', multiple: true } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    const kind = oneOf(requireOption(ctx, 'kind', USAGE), LEDGER_KINDS, '--kind')!;
    const text = textArg(rest, USAGE);
    const inc = await openIncident(ctx, id);
    const summary = runEdit(() => addLedgerEntry(inc.doc, { kind, text, links: listOption(ctx, 'link') }, inc.edit));
    return commitIncident(ctx, inc, [summary]);
  },
};
