import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, openIncident, runEdit } from '../authoring.js';
import { setRootCause } from '../../core/authoring/edits.js';

const USAGE = `root-cause <id> ["summary"] [--category C] [--entered-at DATASET] ${EDIT_USAGE}`;

/** `sitrep root-cause`: what went wrong, its category, where it entered. */
export const rootCauseCommand: Command = {
  name: 'root-cause',
  summary: 'Set the root cause: summary, category from the taxonomy, and the dataset where it entered.',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, category: { type: 'string' }, 'entered-at': { type: 'string' } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => setRootCause(inc.doc, {
      summary: rest.join(' ').trim() || undefined, category: stringOption(ctx, 'category'), entered_at: stringOption(ctx, 'entered-at'),
    }));
    return commitIncident(ctx, inc, [line]);
  },
};
