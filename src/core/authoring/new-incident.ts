/**
 * `sitrep new` and `sitrep drill`: the next id, the runbook from `applies_to`, the owner from
 * the producer team's on-call (DOMAIN.md), the channel from the id, and the new file's text.
 */
import { oncallAt, type RepoIndex } from '../repo-index.js';
import { incidentPath } from '../schema/file-kinds.js';
import type { Runbook } from '../schema/runbook.js';
import type { RunbookStage } from '../schema/common.js';
import { renderFlow, renderFlowScalar } from './yaml-edit.js';
import { EditRefused } from './incident-doc.js';
import type { Incident } from '../schema/incident.js';
import { rollupReasons } from '../check/rules/rollup.js';
import { parseDuration, toIso } from '../time.js';

export const DEFAULT_ID_PREFIX = 'INC';

export function idPrefix(idx: RepoIndex): string {
  return idx.config?.incidents?.id_prefix ?? DEFAULT_ID_PREFIX;
}

/** The next free id of `year`: one more than the highest number used that year (files and ids). */
export function nextIncidentId(idx: RepoIndex, year: number): string {
  const prefix = idPrefix(idx);
  const re = new RegExp(`^${prefix}-${year}-(\\d+)$`);
  let max = 0;
  const stems = idx.model.incidentPaths.map((p) => p.slice(p.lastIndexOf('/') + 1).replace(/\.ya?ml$/, ''));
  for (const id of [...stems, ...idx.incidentIds, ...idx.incidents.keys()]) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${year}-${String(max + 1).padStart(4, '0')}`;
}

/** "#inc-2025-0042": the incident channel is named after the id. */
export function channelFor(id: string): string {
  return `#${id.toLowerCase()}`;
}

export interface RunbookMatch { id: string; score: number; why: string[] }

/**
 * Runbooks whose `applies_to` covers the incident, best first. An empty or missing list
 * matches everything; a named dataset beats a named domain beats "all"; a runbook the
 * dataset itself lists in ownership wins ties.
 */
export function matchRunbooks(idx: RepoIndex, q: { symptom: string; domain: string; datasets: readonly string[] }): RunbookMatch[] {
  const listedByDataset = new Set(q.datasets.flatMap((d) => idx.datasets.get(d)?.dataset.runbooks ?? []));
  const out: RunbookMatch[] = [];
  for (const [id, file] of idx.runbooks) {
    const a = (file.data as Runbook).applies_to ?? {};
    const why: string[] = [];
    let score = 0;
    if (a.symptoms?.length) {
      if (!a.symptoms.includes(q.symptom)) continue;
      score += 4; why.push(`symptom ${q.symptom}`);
    }
    const dsHit = a.datasets?.length ? q.datasets.find((d) => a.datasets!.includes(d)) : undefined;
    if (a.datasets?.length && dsHit) { score += 8; why.push(`dataset ${dsHit}`); }
    else if (a.domains?.length) {
      if (!a.domains.includes(q.domain)) continue;
      if (a.datasets?.length) continue; // names datasets of the domain, not these
      score += 2; why.push(`domain ${q.domain}`);
    } else if (a.datasets?.length) continue;
    if (listedByDataset.has(id)) { score += 1; why.push('listed by the dataset'); }
    out.push({ id, score, why });
  }
  return out.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
}

/** The producer team of the first dataset and its on-call login at `at` (none for a pager-only team). */
export function oncallOwner(idx: RepoIndex, datasets: readonly string[], at: number): { team?: string; login?: string } {
  const team = idx.datasets.get(datasets[0])?.dataset.producer;
  return { team, login: team ? oncallAt(idx.teams.get(team), at) : undefined };
}

export interface NewIncident {
  id: string;
  title: string;
  severity: string;
  symptom: string;
  domain: string;
  datasets: string[];
  detected_at: string;
  started_at?: string;
  owner?: string;
  channel: string;
  runbook?: string;
  impact?: string;
  drill?: boolean;
  regression_of?: string;
}

/** The incident file of a new incident, in the layout and style of DOMAIN.md. */
export function newIncidentText(n: NewIncident): string {
  const line = (k: string, v: unknown, comment?: string) => (v === undefined ? '' : `${k}: ${renderFlow(v)}${comment ? `  # ${comment}` : ''}\n`);
  return [
    '# yaml-language-server: $schema=../../schemas/incident.schema.json\n',
    line('id', n.id),
    line('title', n.title),
    line('severity', n.severity),
    line('status', 'detected'),
    line('symptom', n.symptom),
    line('domain', n.domain),
    line('datasets', n.datasets),
    n.drill ? line('drill', true, 'a drill: checked like any incident, kept out of metrics') : '',
    n.impact !== undefined ? `impact:\n  summary: ${renderFlowScalar(n.impact)}\n` : '',
    line('started_at', n.started_at, 'when the fault entered the data (an estimate is fine)'),
    line('detected_at', n.detected_at),
    n.owner ? `roles: ${renderFlow({ owner: n.owner })}\n` : '',
    line('channel', n.channel),
    line('runbook', n.runbook),
    n.regression_of ? line('regression_of', n.regression_of, 'the same fault came back') : '',
  ].join('');
}

export function newIncidentPath(id: string): string {
  return incidentPath(id);
}

/** A runbook stage as a checklist to paste or follow: steps, the evidence it needs, the exit criteria. */
export function stageChecklist(runbook: Runbook, stage: RunbookStage, id = '<id>'): string {
  const s = runbook.stages?.[stage];
  if (!s) return `Runbook ${runbook.id} has no ${stage} stage.\n`;
  const lines = [`${runbook.title} (${runbook.id}): ${stage.replace('_', ' ')}`];
  for (const step of s.steps ?? []) {
    const text = step.action.replace(/\s+/g, ' ').trim();
    lines.push(`  [ ] ${text}  (${step.role}${step.reversible ? ', reversible' : ''})`);
    if (step.reversible && step.rollback) lines.push(`        rollback: ${step.rollback.replace(/\s+/g, ' ').trim()}`);
  }
  if (s.evidence?.length) lines.push(`  Ledger evidence to leave the stage: ${s.evidence.join(', ')}  (sitrep log ${id} --kind ${s.evidence[0]} "…")`);
  for (const c of s.exit_criteria ?? []) lines.push(`  exit: ${c.replace(/\s+/g, ' ').trim()}`);
  return `${lines.join('\n')}\n`;
}

export interface DrillPlan { runbook: string; dataset: string; domain: string; symptom: string; severity: string }

/**
 * What a drill of `runbook` exercises: the dataset given, else the first one the runbook names,
 * else the first dataset of its domains that lists it; its first symptom; the least severe
 * severity unless one is given.
 */
export function planDrill(idx: RepoIndex, q: { runbook: string; dataset?: string; severity?: string }): DrillPlan {
  const file = idx.runbooks.get(q.runbook);
  if (!file) throw new EditRefused(`no runbook ${q.runbook}`, [`Runbooks: ${[...idx.runbooks.keys()].join(', ') || 'none'}.`]);
  const rb = file.data;
  const a = rb.applies_to ?? {};
  let dataset = q.dataset;
  if (!dataset) {
    const all = [...idx.datasets.values()];
    dataset = a.datasets?.find((d) => idx.datasets.has(d))
      ?? all.find((e) => (e.dataset.runbooks ?? []).includes(rb.id) && (!a.domains?.length || a.domains.includes(e.domain.id)))?.dataset.id
      ?? all.find((e) => a.domains?.includes(e.domain.id))?.dataset.id
      ?? (a.domains?.length ? undefined : all[0]?.dataset.id);
  }
  if (!dataset) throw new EditRefused(`runbook ${rb.id} names no dataset to drill on`, ['Pass --dataset DS.']);
  const entry = idx.datasets.get(dataset);
  if (!entry) throw new EditRefused(`dataset ${dataset} is not defined in ownership/domains/`);
  const severities = idx.config?.taxonomy.severities ?? [];
  const severity = q.severity ?? severities[severities.length - 1]?.id;
  if (!severity) throw new EditRefused('the config defines no severities');
  const symptom = a.symptoms?.[0] ?? idx.config?.taxonomy.symptoms[0]?.id;
  if (!symptom) throw new EditRefused('the config defines no symptoms');
  return { runbook: rb.id, dataset, domain: entry.domain.id, symptom, severity };
}

/**
 * A reminder printed by `sitrep new` when the incident meets the executive roll-up criteria
 * (rollupReasons of the check): an `exec:` escalation is due within the acknowledge box.
 */
export function rollupNotice(idx: RepoIndex, inc: Incident, now: number): string | undefined {
  const reasons = rollupReasons(idx, inc, now);
  if (!reasons.length) return undefined;
  const ack = parseDuration(idx.config?.taxonomy.severities.find((s) => s.id === inc.severity)?.time_boxes.acknowledge);
  const detected = Date.parse(inc.detected_at);
  const due = ack !== undefined ? ` by ${toIso(detected + ack)} (the acknowledge box)` : '';
  const execs = [...idx.executives.keys()].map((e) => `exec:${e}`);
  return `This incident rolls up to an executive (${reasons.map((r) => r.why).join('; ')}): escalate${due} with\n  sitrep escalate ${inc.id} --to ${execs[0] ?? 'exec:<id>'} "why"`;
}
