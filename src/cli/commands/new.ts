import type { Command } from '../command.js';
import { requireOption, stringOption } from '../command.js';
import { UsageError, RefusedError } from '../errors.js';
import { commitFiles, editTime, listOption, openWorkspace, runEdit, textArg, timeOption } from '../authoring.js';
import {
  channelFor, matchRunbooks, rollupNotice, newIncidentPath, newIncidentText, nextIncidentId, oncallOwner, stageChecklist,
} from '../../core/authoring/new-incident.js';

const USAGE = 'new --domain D --dataset DS [--dataset DS…] --symptom S --severity SEV [--owner LOGIN] [--runbook R] [--impact TEXT] [--started-at T] [--regression-of ID] [--at T] [--dry-run] [--root DIR] "title"';

/** `sitrep new`: declare an incident in one command. */
export const newCommand: Command = {
  name: 'new',
  summary: 'Declare an incident: next id, runbook, on-call owner and channel filled in; prints the first checklist.',
  usage: USAGE,
  options: {
    domain: { type: 'string' },
    dataset: { type: 'string', multiple: true },
    symptom: { type: 'string' },
    severity: { type: 'string' },
    owner: { type: 'string' },
    runbook: { type: 'string' },
    impact: { type: 'string' },
    'started-at': { type: 'string' },
    'regression-of': { type: 'string' },
    at: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx) {
    const title = textArg(ctx.positionals, USAGE, 'the title');
    const domain = requireOption(ctx, 'domain', USAGE);
    const datasets = listOption(ctx, 'dataset');
    if (!datasets?.length) throw new UsageError(`--dataset is required\nusage: sitrep ${USAGE}`);
    const symptom = requireOption(ctx, 'symptom', USAGE);
    const severity = requireOption(ctx, 'severity', USAGE);
    const at = editTime(ctx);
    const ws = await openWorkspace(ctx);
    const { idx } = ws;
    const id = nextIncidentId(idx, new Date(at).getUTCFullYear());
    const path = newIncidentPath(id);
    if (idx.model.incidentPaths.includes(path)) throw new RefusedError(`${path} already exists`);
    const matches = matchRunbooks(idx, { symptom, domain, datasets });
    const runbook = stringOption(ctx, 'runbook') ?? matches[0]?.id;
    const oncall = oncallOwner(idx, datasets, Date.parse(at));
    const owner = stringOption(ctx, 'owner')?.replace(/^@/, '') ?? oncall.login;
    const text = runEdit(() => newIncidentText({
      id, title, severity, symptom, domain, datasets, detected_at: at, owner, runbook, channel: channelFor(id),
      started_at: timeOption(ctx, 'started-at'), impact: stringOption(ctx, 'impact'), regression_of: stringOption(ctx, 'regression-of'),
    }));
    const summary = [
      `${id}: declared ${severity} ${symptom} on ${datasets.join(', ')} (status detected)`,
      `  file:    ${path}`,
      `  owner:   ${owner ?? '(none: name one with sitrep set ' + id + ' --owner LOGIN)'}${owner && !stringOption(ctx, 'owner') ? ` (on call for ${oncall.team})` : ''}`,
      `  channel: ${channelFor(id)}`,
      `  runbook: ${runbook ?? '(none applies: pick one with sitrep set ' + id + ' --runbook R)'}${runbook && !stringOption(ctx, 'runbook') && matches[0] ? ` (${matches[0].why.join(', ')})` : ''}`,
    ];
    if (!owner && oncall.team) summary.push(`  note: ${oncall.team} has no on-call rotation in ownership/teams.yaml (pager only), so the owner is named by hand`);
    const code = await commitFiles(ctx, ws, new Map([[path, text]]), summary);
    const rb = runbook ? idx.runbooks.get(runbook)?.data : undefined;
    if (rb) ctx.io.stdout(`\nFirst stage, as a checklist:\n${stageChecklist(rb, 'triage', id)}`);
    const notice = rollupNotice(idx, { id, title, severity, symptom, domain, datasets, status: 'detected', detected_at: at }, Date.parse(at));
    if (notice) ctx.io.stdout(`\n${notice}\n`);
    ctx.io.stdout(`\nNext: sitrep log ${id} --kind hypothesis "…", then sitrep status ${id} triaged. Commit the file and open a PR.\n`);
    return code;
  },
};
