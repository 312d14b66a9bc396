import type { Command } from '../command.js';
import { requireOption, stringOption } from '../command.js';
import { RefusedError } from '../errors.js';
import { commitFiles, editTime, openWorkspace, runEdit } from '../authoring.js';
import {
  channelFor, newIncidentPath, newIncidentText, nextIncidentId, oncallOwner, planDrill, stageChecklist,
} from '../../core/authoring/new-incident.js';

const USAGE = 'drill --runbook R [--dataset DS] [--severity SEV] [--owner LOGIN] [--at T] [--dry-run] [--root DIR] ["title"]';

/** `sitrep drill`: an incident marked `drill: true`, made from a runbook, to rehearse it. */
export const drillCommand: Command = {
  name: 'drill',
  summary: 'Start a drill of a runbook: an incident marked drill: true, checked like any other, kept out of metrics.',
  usage: USAGE,
  options: {
    runbook: { type: 'string' },
    dataset: { type: 'string' },
    severity: { type: 'string' },
    owner: { type: 'string' },
    at: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx) {
    const runbookId = requireOption(ctx, 'runbook', USAGE);
    const at = editTime(ctx);
    const ws = await openWorkspace(ctx);
    const { idx } = ws;
    const plan = runEdit(() => planDrill(idx, { runbook: runbookId, dataset: stringOption(ctx, 'dataset'), severity: stringOption(ctx, 'severity') }));
    const rb = idx.runbooks.get(plan.runbook)!.data;
    const id = nextIncidentId(idx, new Date(at).getUTCFullYear());
    const path = newIncidentPath(id);
    if (idx.model.incidentPaths.includes(path)) throw new RefusedError(`${path} already exists`);
    const oncall = oncallOwner(idx, [plan.dataset], Date.parse(at));
    const owner = stringOption(ctx, 'owner')?.replace(/^@/, '') ?? oncall.login;
    const title = ctx.positionals.join(' ').trim() || `[drill] ${plan.dataset}: ${rb.title}`;
    const text = newIncidentText({
      id, title, severity: plan.severity, symptom: plan.symptom, domain: plan.domain, datasets: [plan.dataset],
      detected_at: at, owner, runbook: plan.runbook, channel: channelFor(id), drill: true,
    });
    const summary = [
      `${id}: drill of runbook ${plan.runbook} on ${plan.dataset} (${plan.severity} ${plan.symptom}, drill: true)`,
      `  file:    ${path}`,
      `  owner:   ${owner ?? `(none: ${oncall.team ?? 'the producer'} has no on-call rotation; sitrep set ${id} --owner LOGIN)`}`,
      `  channel: ${channelFor(id)}`,
    ];
    const code = await commitFiles(ctx, ws, new Map([[path, text]]), summary);
    ctx.io.stdout(`\nFirst stage, as a checklist:\n${stageChecklist(rb, 'triage', id)}\nA drill goes through the same commands and checks as an incident; metrics leave it out.\n`);
    return code;
  },
};
