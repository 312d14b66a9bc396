import type { Command } from '../command.js';
import { requireOption, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, dateOption, oneOf, openIncident, runEdit, textArg } from '../authoring.js';
import { addActionItem, addLearning, completeActionItem, holdReview, scheduleReview } from '../../core/authoring/edits.js';

const TYPES = ['prevent', 'detect', 'mitigate', 'process'] as const;
const USAGE = [
  `review <id> schedule --due DATE [--facilitator LOGIN] [--doc URL] ${EDIT_USAGE}`,
  `review <id> held [--facilitator LOGIN] [--doc URL] ${EDIT_USAGE}`,
  `review <id> learn ${EDIT_USAGE} "learning"`,
  `review <id> action --owner TEAM --due DATE --type prevent|detect|mitigate|process [--link URL] ${EDIT_USAGE} "action"`,
  `review <id> done A1 [--link URL] ${EDIT_USAGE}`,
].join('\n       sitrep ');

/** `sitrep review`: the post-incident review, the one part of a closed incident that still changes. */
export const reviewCommand: Command = {
  name: 'review',
  summary: 'The post-incident review: schedule it, record it held, add learnings and action items, mark items done.',
  usage: USAGE,
  options: {
    ...EDIT_OPTIONS, due: { type: 'string' }, facilitator: { type: 'string' }, doc: { type: 'string' },
    owner: { type: 'string' }, type: { type: 'string' }, link: { type: 'string' },
  },
  async run(ctx) {
    const [id, verb, ...rest] = ctx.positionals;
    const facilitator = stringOption(ctx, 'facilitator')?.replace(/^@/, '');
    const doc = stringOption(ctx, 'doc');
    const checkVerb = () => {
      if (!['schedule', 'held', 'learn', 'action', 'done'].includes(verb ?? '')) {
        throw new UsageError(`review takes schedule, held, learn, action or done, not ${verb ? `"${verb}"` : 'nothing'}\nusage: sitrep ${USAGE}`);
      }
    };
    checkVerb();
    // Read the options before touching the repo, so a usage error comes first.
    const due = dateOption(ctx, 'due');
    const text = verb === 'learn' || verb === 'action' ? textArg(rest, USAGE, verb === 'learn' ? 'the learning' : 'the action') : '';
    const type = verb === 'action' ? oneOf(requireOption(ctx, 'type', USAGE), TYPES, '--type')! : undefined;
    const owner = verb === 'action' ? requireOption(ctx, 'owner', USAGE) : undefined;
    if (verb === 'action' && !due) throw new UsageError(`--due is required\nusage: sitrep ${USAGE}`);
    if (verb === 'done' && rest.length !== 1) throw new UsageError(`which action item? e.g. sitrep review ${id} done A1`);
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => {
      switch (verb) {
        case 'schedule': return scheduleReview(inc.doc, { due, facilitator, doc });
        case 'held': return holdReview(inc.doc, { facilitator, doc }, inc.edit);
        case 'learn': return addLearning(inc.doc, text);
        case 'action': return addActionItem(inc.doc, { action: text, owner: owner!, due: due!, type: type!, link: stringOption(ctx, 'link') }).summary;
        default: return completeActionItem(inc.doc, rest[0], { link: stringOption(ctx, 'link') }, inc.edit);
      }
    });
    return commitIncident(ctx, inc, [line]);
  },
};
