import type { Command } from '../command.js';
import { requireOption } from '../command.js';
import { EDIT_OPTIONS, EDIT_USAGE, commitIncident, openIncident, runEdit } from '../authoring.js';
import { addSignoff } from '../../core/authoring/edits.js';
import { requiredSignoffs } from '../../core/signoff.js';

const USAGE = `signoff <id> --team TEAM ${EDIT_USAGE}`;

/** `sitrep signoff`: a sign-off claim; the gate Action makes it count against the PR's approvals. */
export const signoffCommand: Command = {
  name: 'signoff',
  summary: "Add a team's sign-off claim (the gate checks the signer's approval on the PR).",
  usage: USAGE,
  options: { ...EDIT_OPTIONS, team: { type: 'string' } },
  async run(ctx) {
    const [id] = ctx.positionals;
    const team = requireOption(ctx, 'team', USAGE);
    const inc = await openIncident(ctx, id);
    const line = runEdit(() => addSignoff(inc.doc, { team }, inc.edit));
    const data = inc.doc.data;
    const missing = requiredSignoffs(inc.idx, data).filter((r) => !(data.signoff ?? []).some((s) => s.team === r.team));
    const lines = [line];
    if (missing.length) lines.push(`still needed to close: ${missing.map((r) => `${r.team} (${r.role})`).join(', ')}`);
    return commitIncident(ctx, inc, lines);
  },
};
