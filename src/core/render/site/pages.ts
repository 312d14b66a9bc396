/**
 * View models of the site's pages. Plain data: the templates escape every string; links between
 * pages are made by the helpers from ids (relative paths, so the site works under any base path).
 */
import type { RepoIndex } from '../../repo-index.js';
import { downstreamOf, informedConsumers, oncallAt, ownerTeam } from '../../repo-index.js';
import type { Incident, Status } from '../../schema/incident.js';
import type { Located } from '../../model.js';
import type { Runbook } from '../../schema/runbook.js';
import { RUNBOOK_STAGES } from '../../schema/common.js';
import { isOpen } from '../../lifecycle.js';
import { parseInstant } from '../../time.js';
import { safeHref } from '../escape.js';
import { githubTeamUrl } from '../links.js';
import { BOX_LABEL, openTimeBoxes, severityFacts, STATUS_TEXT, type SeverityFacts } from '../facts.js';
import { describeMissing, noticeReadiness, noticeView, type NoticeView } from '../notice.js';
import type { Timeline } from '../../timeline.js';

/** What every list and index shows of an incident; computed once per build. */
export interface IncidentSummary {
  id: string;
  path: string;
  title: string;
  severity: SeverityFacts;
  status: Status;
  statusLabel: string;
  open: boolean;
  drill: boolean;
  domain: string;
  datasets: string[];
  symptom: string;
  owner?: string;
  ownerTeam?: string;
  /** Owner team and the producers of the datasets: the team filter. */
  teams: string[];
  runbook?: string;
  detectedAt: string;
  detectedMs: number;
  closedAt?: string;
  /** Open: now − detected_at; closed: detected_at → closed_at. */
  ageMs?: number;
  next?: { label: string; due: number; overdue: boolean; leftMs: number; lateMs: number };
  overdue: boolean;
}

export const STATUS_LABEL: Record<Status, string> = {
  detected: 'detected', triaged: 'triaged', contained: 'contained', remediated: 'remediated', verified: 'verified', closed: 'closed', declined: 'declined',
};

export function summarize(idx: RepoIndex, file: Located<Incident>, now: number): IncidentSummary {
  const inc = file.data;
  const detectedMs = parseInstant(inc.detected_at) ?? 0;
  const closedMs = parseInstant(inc.closed_at);
  const open = isOpen(inc.status);
  const boxes = open ? openTimeBoxes(idx, inc, now) : [];
  const next = boxes[0];
  const team = ownerTeam(idx, inc);
  const teams = new Set<string>();
  if (team) teams.add(team);
  for (const d of inc.datasets) {
    const p = idx.datasets.get(d)?.dataset.producer;
    if (p) teams.add(p);
  }
  return {
    id: inc.id,
    path: file.path,
    title: inc.title,
    severity: severityFacts(idx, inc.severity),
    status: inc.status,
    statusLabel: STATUS_LABEL[inc.status] ?? String(inc.status),
    open,
    drill: inc.drill ?? false,
    domain: inc.domain,
    datasets: inc.datasets,
    symptom: inc.symptom,
    owner: inc.roles?.owner,
    ownerTeam: team,
    teams: [...teams],
    runbook: inc.runbook,
    detectedAt: inc.detected_at,
    detectedMs,
    closedAt: inc.closed_at,
    ageMs: open ? now - detectedMs : closedMs !== undefined ? closedMs - detectedMs : undefined,
    next: next ? { label: BOX_LABEL[next.box], due: next.due, overdue: next.overdue, leftMs: Math.max(0, next.due - now), lateMs: Math.max(0, now - next.due) } : undefined,
    overdue: boxes.some((b) => b.overdue),
  };
}

/** The index's filter data, one small object per row (keys kept short: 10,000 rows). */
export interface IndexDatum { i: string; s: string; o: 0 | 1; v: string; d: string; t: string[]; q: string }

export function indexDatum(s: IncidentSummary): IndexDatum {
  return {
    i: s.id, s: s.status, o: s.open ? 1 : 0, v: s.severity.id, d: s.domain, t: s.teams,
    q: `${s.id} ${s.title} ${s.datasets.join(' ')} ${s.owner ?? ''} ${s.symptom} ${s.domain}`.toLowerCase(),
  };
}

export interface IncidentPageView extends NoticeView {
  summary: IncidentSummary;
  closed: boolean;
  /** Closed or declined: the close notice section; `missing` lists what the lifecycle still lacks. */
  showNotice: boolean;
  missing: string[];
  boxes: { label: string; due: number; length: string; overdue: boolean }[];
  channel?: string;
  runbook?: string;
  /** The ledger and the updates are rows of the timeline; these count them for the sections that point there. */
  ledgerCount: number;
  ledgerKinds: { kind: string; count: number }[];
  updateCount: number;
  updateAudiences: { audience: string; count: number }[];
  escalations: NonNullable<Incident['escalations']>;
  waivers: NonNullable<Incident['waivers']>;
  editUrl?: string;
}

export function incidentPageView(idx: RepoIndex, file: Located<Incident>, summary: IncidentSummary, timeline: Timeline, now: number, repositoryUrl?: string): IncidentPageView {
  const inc = file.data;
  const notice = noticeView(idx, inc, timeline, now);
  const closed = !isOpen(inc.status);
  return {
    ...notice,
    summary,
    closed,
    showNotice: closed,
    missing: describeMissing(noticeReadiness(idx, inc)),
    boxes: openTimeBoxes(idx, inc, now).map((b) => ({ label: BOX_LABEL[b.box], due: b.due, length: b.length, overdue: b.overdue })),
    channel: inc.channel,
    runbook: inc.runbook,
    ledgerCount: inc.ledger?.length ?? 0,
    ledgerKinds: countBy((inc.ledger ?? []).map((e) => e.kind)).map(([kind, count]) => ({ kind, count })),
    updateCount: inc.updates?.length ?? 0,
    updateAudiences: countBy((inc.updates ?? []).map((u) => u.audience)).map(([audience, count]) => ({ audience, count })),
    escalations: inc.escalations ?? [],
    waivers: inc.waivers ?? [],
    editUrl: repositoryUrl ? `${repositoryUrl}/blob/HEAD/${file.path}` : undefined,
  };
}

function countBy(xs: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m];
}

/** Incidents grouped for the domain, dataset, team and runbook pages. */
export interface Groups {
  byDomain: Map<string, IncidentSummary[]>;
  byDataset: Map<string, IncidentSummary[]>;
  byTeam: Map<string, IncidentSummary[]>;
  byRunbook: Map<string, IncidentSummary[]>;
}

export function groupIncidents(summaries: readonly IncidentSummary[]): Groups {
  const g: Groups = { byDomain: new Map(), byDataset: new Map(), byTeam: new Map(), byRunbook: new Map() };
  const push = (m: Map<string, IncidentSummary[]>, k: string | undefined, s: IncidentSummary) => {
    if (!k) return;
    const list = m.get(k);
    if (list) list.push(s);
    else m.set(k, [s]);
  };
  for (const s of summaries) {
    push(g.byDomain, s.domain, s);
    for (const d of new Set(s.datasets)) push(g.byDataset, d, s);
    for (const t of s.teams) push(g.byTeam, t, s);
    push(g.byRunbook, s.runbook, s);
  }
  return g;
}

/** A list of incidents for a page: open ones, then the latest others (the count says how many in all). */
export function incidentList(list: readonly IncidentSummary[] | undefined, limit = 200) {
  const all = list ?? [];
  const open = all.filter((s) => s.open);
  const rest = all.filter((s) => !s.open);
  return { total: all.length, open: open.length, rows: [...open, ...rest.slice(0, Math.max(0, limit - open.length))], truncated: all.length > Math.max(limit, open.length) };
}

export function domainPageView(idx: RepoIndex, id: string, groups: Groups) {
  const { domain, path } = idx.domains.get(id)!;
  const datasets = [...idx.datasets.values()].filter((e) => e.domain.id === id).map((e) => ({
    id: e.dataset.id, tier: e.dataset.tier, producer: e.dataset.producer, consumers: e.dataset.consumers ?? [],
    incidents: groups.byDataset.get(e.dataset.id)?.length ?? 0, description: e.dataset.description,
  }));
  return { domain, path, datasets, incidents: incidentList(groups.byDomain.get(id)) };
}

export function datasetPageView(idx: RepoIndex, id: string, groups: Groups) {
  const e = idx.datasets.get(id)!;
  const ds = e.dataset;
  const downstream = idx.downstream.get(id) ?? [];
  const allDown = downstreamOf(idx, [id]);
  const allUp: string[] = [];
  const seen = new Set([id]);
  const queue = [...(ds.upstream ?? [])];
  while (queue.length) {
    const d = queue.shift()!;
    if (seen.has(d)) continue;
    seen.add(d);
    allUp.push(d);
    queue.push(...(idx.datasets.get(d)?.dataset.upstream ?? []));
  }
  const contract = Object.entries(ds.contract ?? {}).map(([k, v]) => ({ key: k.replace(/_/g, ' '), value: String(v), duration: typeof v === 'string' }));
  return {
    dataset: ds, domain: e.domain, path: e.path,
    upstream: ds.upstream ?? [], downstream,
    indirectUpstream: allUp.filter((d) => !(ds.upstream ?? []).includes(d)),
    indirectDownstream: allDown.filter((d) => !downstream.includes(d)),
    contract,
    runbooks: ds.runbooks ?? [],
    paths: ds.paths ?? [],
    incidents: incidentList(groups.byDataset.get(id)),
  };
}

export function teamPageView(idx: RepoIndex, id: string, groups: Groups, now: number) {
  const team = idx.teams.get(id)!;
  const leads = new Set(team.leads ?? []);
  const oncallNow = oncallAt(team, now);
  const rotation = team.oncall?.rotation ?? [];
  let currentIndex = -1;
  rotation.forEach((r, i) => { if ((parseInstant(r.from) ?? Infinity) <= now) currentIndex = i; });
  const members = [...new Set([...(team.leads ?? []), ...(team.members ?? [])])].map((login) => ({
    login, lead: leads.has(login), oncall: login === oncallNow, github: `https://github.com/${login}`,
  }));
  const datasets = [...idx.datasets.values()];
  return {
    team,
    members,
    githubUrl: githubTeamUrl(team.github),
    oncall: {
      now: oncallNow,
      pager: team.oncall?.pager ?? team.channels?.pager,
      rotation: rotation.slice(Math.max(0, currentIndex - 2), currentIndex + 4).map((r) => ({ ...r, current: r.login === oncallNow && rotation.indexOf(r) === currentIndex })),
    },
    channels: team.channels,
    escalation: team.escalation ? idx.policies.get(team.escalation) : undefined,
    owns: {
      domains: [...idx.domains.values()].filter((d) => d.domain.owner === id).map((d) => d.domain),
      produces: datasets.filter((e) => e.dataset.producer === id).map((e) => e.dataset.id),
      platformFor: datasets.filter((e) => e.dataset.platform === id).map((e) => e.dataset.id),
      consumes: datasets.filter((e) => (e.dataset.consumers ?? []).includes(id)).map((e) => e.dataset.id),
      runbooks: [...idx.runbooks.values()].filter((r) => r.data.owner === id).map((r) => ({ id: r.data.id, title: r.data.title })),
    },
    incidents: incidentList(groups.byTeam.get(id)),
  };
}

export function runbookPageView(idx: RepoIndex, file: Located<Runbook>, groups: Groups) {
  const rb = file.data;
  const used = groups.byRunbook.get(rb.id) ?? [];
  const drills = used.filter((s) => s.drill).sort((a, b) => b.detectedMs - a.detectedMs);
  const stages = RUNBOOK_STAGES.filter((s) => rb.stages?.[s]).map((s) => ({ name: s.replace('_', ' '), ...rb.stages[s]! }));
  return {
    runbook: rb,
    path: file.path,
    stages,
    lastDrill: drills[0],
    drills: drills.length,
    incidents: incidentList(used.filter((s) => !s.drill)),
  };
}

/** Consumers informed, for the incident page. */
export { informedConsumers, STATUS_TEXT };
