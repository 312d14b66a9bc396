import type { Command } from '../command.js';
import { requireOption, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, oneOf, openIncident, runEdit, textArg } from '../authoring.js';
import { addWaiver } from '../../core/authoring/edits.js';
import { STATUSES } from '../../core/schema/incident.js';
import { WAIVABLE_CODES } from '../../core/check/waivers.js';

const USAGE = `waive <id> [--rule CODE] [--stage STATUS] --approved-by LOGIN ${EDIT_USAGE} "reason"`;

/** `sitrep waive`: a waiver claim; the gate Action checks the approver's approval on the PR. */
export const waiveCommand: Command = {
  name: 'waive',
  summary: 'Add a waiver claim of a process rule (e.g. a stage skip); the gate checks the approval.',
  usage: USAGE,
  options: { ...EDIT_OPTIONS, rule: { type: 'string' }, stage: { type: 'string' }, 'approved-by': { type: 'string' } },
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    const stage = oneOf(stringOption(ctx, 'stage'), STATUSES, '--stage');
    const rule = stringOption(ctx, 'rule') ?? (stage ? 'LIFECYCLE_SKIP' : undefined);
    if (!rule) throw new UsageError(`--rule is required (or --stage for a skip)\nusage: sitrep ${USAGE}`);
    if (!WAIVABLE_CODES.has(rule as never)) throw new UsageError(`${rule} cannot be waived; waivable codes: ${[...WAIVABLE_CODES].join(', ')}`);
    const approvedBy = requireOption(ctx, 'approved-by', USAGE).replace(/^@/, '');
    const reason = textArg(rest, USAGE, 'the reason');
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => addWaiver(inc.doc, { rule, stage, reason, approved_by: approvedBy }));
    return commitIncident(ctx, inc, [line]);
  },
};
