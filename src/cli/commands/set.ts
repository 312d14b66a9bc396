import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, listOption, openIncident, runEdit, timeOption } from '../authoring.js';
import { setFields } from '../../core/authoring/edits.js';

const USAGE = `set <id> [--title T] [--severity SEV] [--symptom S] [--started-at T] [--runbook R] [--channel C] [--regression-of ID] [--dataset DS]… [--owner L] [--comms L] [--scribe L] [--tech-lead L] ${EDIT_USAGE}`;

const login = (v: string | undefined) => v?.replace(/^@/, '');

/** `sitrep set`: the header fields and roles of an incident. */
export const setCommand: Command = {
  name: 'set',
  summary: 'Set header fields and roles: title, severity, symptom, started_at, runbook, channel, owner, comms, …',
  usage: USAGE,
  options: {
    ...EDIT_OPTIONS,
    title: { type: 'string' }, severity: { type: 'string' }, symptom: { type: 'string' }, 'started-at': { type: 'string' },
    runbook: { type: 'string' }, channel: { type: 'string' }, 'regression-of': { type: 'string' }, dataset: { type: 'string', multiple: true },
    owner: { type: 'string' }, comms: { type: 'string' }, scribe: { type: 'string' }, 'tech-lead': { type: 'string' },
  },
  async run(ctx) {
    const [id] = ctx.positionals;
    const inc = await openIncident(ctx, id);
    const summary = runEdit(() => setFields(inc.doc, {
      title: stringOption(ctx, 'title'), severity: stringOption(ctx, 'severity'), symptom: stringOption(ctx, 'symptom'),
      started_at: timeOption(ctx, 'started-at'), runbook: stringOption(ctx, 'runbook'), channel: stringOption(ctx, 'channel'),
      regression_of: stringOption(ctx, 'regression-of'), datasets: listOption(ctx, 'dataset'),
      roles: {
        owner: login(stringOption(ctx, 'owner')), comms: login(stringOption(ctx, 'comms')),
        scribe: login(stringOption(ctx, 'scribe')), tech_lead: login(stringOption(ctx, 'tech-lead')),
      },
    }));
    return commitIncident(ctx, inc, [summary]);
  },
};
