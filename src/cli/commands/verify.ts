import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, openIncident, runEdit, textArg } from '../authoring.js';
import { addVerification } from '../../core/authoring/edits.js';

const USAGE = `verify <id> (--passed | --failed) [--baseline TEXT] [--result TEXT] [--evidence TEXT] ${EDIT_USAGE} "check"`;

/** `sitrep verify`: a verification check against a baseline, before the data is trusted again. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Record a verification check: what was checked, the baseline, the result, passed or failed, the evidence.',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, passed: { type: 'boolean' }, failed: { type: 'boolean' }, baseline: { type: 'string' }, result: { type: 'string' }, evidence: { type: 'string' } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    if (!!ctx.values.passed === !!ctx.values.failed) throw new UsageError(`pass exactly one of --passed or --failed\nusage: sitrep ${USAGE}`);
    const check = textArg(rest, USAGE, 'the check');
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => addVerification(inc.doc, {
      check, passed: !!ctx.values.passed, baseline: stringOption(ctx, 'baseline'), result: stringOption(ctx, 'result'), evidence: stringOption(ctx, 'evidence'),
    }, inc.edit));
    return commitIncident(ctx, inc, [line]);
  },
};
