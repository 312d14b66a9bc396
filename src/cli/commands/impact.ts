import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, listOption, openIncident, runEdit } from '../authoring.js';
import { setImpact } from '../../core/authoring/edits.js';

const USAGE = `impact <id> ["summary"] [--consumer TEAM]… [--category C]… [--external | --internal] ${EDIT_USAGE}`;

/** `sitrep impact`: who is affected and how. */
export const impactCommand: Command = {
  name: 'impact',
  summary: 'Set the impact: summary, consumer teams, categories, external or not.',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, consumer: { type: 'string', multiple: true }, category: { type: 'string', multiple: true }, external: { type: 'boolean' }, internal: { type: 'boolean' } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    if (ctx.values.external && ctx.values.internal) throw new UsageError('--external and --internal exclude each other');
    const external = ctx.values.external ? true : ctx.values.internal ? false : undefined;
    const summary = rest.join(' ').trim() || undefined;
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => setImpact(inc.doc, { summary, consumers: listOption(ctx, 'consumer'), categories: listOption(ctx, 'category'), external }));
    return commitIncident(ctx, inc, [line]);
  },
};
