/**
 * The static reports site for GitHub Pages. Pure: the loaded repo, the clock and (optionally) the
 * git history go in; pages come out one at a time (`pages` is a generator), so the CLI writes them
 * as they come and 10,000 incident pages never sit in memory together.
 *
 * Layout (all links relative, so it works under any base path):
 *   index.html                     incidents, open first; filters and search (assets/site.js)
 *   incidents/<id>.html            one per incident
 *   domains/ datasets/ teams/ runbooks/   index.html and one page each
 *   dashboard.html                 metrics, inline SVG charts with tables
 *   feed.xml                       Atom feed of stakeholder updates
 *   data/incidents.json            schemas/site-incidents.schema.json
 *   data/metrics.json              schemas/metrics.schema.json
 *   assets/site.css site.js timeline.js (and mermaid.min.js, copied by the CLI)
 *   404.html  .nojekyll
 */
import type { RepoIndex } from '../../repo-index.js';
import type { Incident } from '../../schema/incident.js';
import type { Located } from '../../model.js';
import type { Runbook } from '../../schema/runbook.js';
import type { IncidentCommit } from '../../history/types.js';
import type { MetricsHistory } from '../../metrics/compute.js';
import type { SiteIncidents } from '../../schema/site.js';
import { STATUSES } from '../../schema/incident.js';
import { toIso } from '../../time.js';
import { safeHref } from '../escape.js';
import { incidentTimeline } from '../notice.js';
import { isSafeSlug, linkContext, pagePath, type LinkContext, type PageKind } from '../links.js';
import { createTemplates, type TemplateName, type Templates } from '../templates.js';
import { dashboardView } from './dashboard.js';
import {
  datasetPageView, domainPageView, groupIncidents, incidentList, incidentPageView, indexDatum, runbookPageView, summarize, teamPageView,
  type IncidentSummary,
} from './pages.js';
import siteJs from '../../../templates/site/site.client.js';
import timelineJs from '../../../templates/site/timeline.client.js';

export interface SiteHistory {
  /** The commits that touched an incident file (newest first or any order). */
  commitsOf(path: string): readonly IncidentCommit[] | undefined;
  /** A shallow clone: timelines say they may miss early commits. */
  partial: boolean;
  /** Reopen facts for the dashboard, when the status history was read. */
  metrics?: MetricsHistory;
}

export interface SiteOptions {
  idx: RepoIndex;
  /** The clock, epoch ms: ages, time boxes, on-call. */
  now: number;
  /** The sub-path the site is served under ("/repo-name/"); config site.base_path, else "/". */
  basePath?: string;
  templates?: Templates;
  history?: SiteHistory;
  /** Whether assets/mermaid.min.js is part of the site (the CLI copies it from the mermaid package). */
  mermaid?: boolean;
}

export interface SitePage {
  /** POSIX path relative to the site root. */
  path: string;
  content: string;
}

export interface SitePlan {
  /** How many pages `pages` yields. */
  total: number;
  pages: Iterable<SitePage>;
  /** Incident files left out because they failed structure validation. */
  skipped: string[];
  /** The site root as served, normalised ("/", "/repo-name/"). */
  basePath: string;
}

/** "/repo-name/" with both slashes; anything odd falls back to "/". */
export function normaliseBasePath(p: string | undefined): string {
  const s = (p ?? '/').trim();
  const withSlashes = `/${s.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return /^\/([A-Za-z0-9._~-]+\/)*$/.test(withSlashes) ? withSlashes : '/';
}

const CSP_BASE = "default-src 'none'; script-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'self'; form-action 'none'";
/** Mermaid sets inline styles on the SVG it draws; pages that draw it allow inline styles (never inline scripts). */
const CSP = { plain: `${CSP_BASE}; style-src 'self'`, mermaid: `${CSP_BASE}; style-src 'self' 'unsafe-inline'` };

const FEED_ENTRIES = 100;

/** What decides whether an incident file is on the site; a shard reports these before it sends the files. */
export interface SiteEntry {
  path: string;
  valid: boolean;
  id: unknown;
}

export function siteEntry(f: Located<unknown>): SiteEntry {
  return { path: f.path, valid: f.valid, id: (f.data as { id?: unknown } | undefined)?.id };
}

/** The incident files that make the site: valid, with an id safe as a file name, the first of each id in path order. */
export function selectSiteIncidents<T extends SiteEntry>(entries: readonly T[]): { kept: T[]; skipped: string[] } {
  const kept: T[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e.valid || !isSafeSlug(e.id) || seen.has(e.id)) { skipped.push(e.path); continue; }
    seen.add(e.id);
    kept.push(e);
  }
  return { kept, skipped };
}

/** What every page shares: which pages exist, the link contexts and the page chrome. */
interface SiteFrame {
  idx: RepoIndex;
  now: number;
  basePath: string;
  siteTitle: string;
  domains: string[];
  datasets: string[];
  teams: string[];
  runbooks: Located<Runbook>[];
  top: LinkContext;
  sub: LinkContext;
  o: SiteOptions;
  chrome(links: LinkContext, title: string, active: string, extra?: { scripts?: string[]; mermaid?: boolean }): object;
  render(name: TemplateName, view: object, links: LinkContext): string;
}

function siteFrame(o: SiteOptions, incidentIds: Iterable<string>): SiteFrame {
  const { idx, now } = o;
  const templates = o.templates ?? createTemplates().templates;
  const siteTitle = idx.config?.site?.title ?? 'Incidents';
  const domains = [...idx.domains.keys()].filter(isSafeSlug).sort();
  const datasets = [...idx.datasets.keys()].filter(isSafeSlug).sort();
  const teams = [...idx.teams.keys()].filter(isSafeSlug).sort();
  const runbooks = [...idx.runbooks.values()].filter((r) => r.valid && isSafeSlug(r.data.id)).sort((a, b) => a.data.id.localeCompare(b.data.id));
  const pages: Partial<Record<PageKind, ReadonlySet<string>>> = {
    incident: new Set(incidentIds),
    domain: new Set(domains),
    dataset: new Set(datasets),
    team: new Set(teams),
    runbook: new Set(runbooks.map((r) => r.data.id)),
  };
  const top = linkContext(idx, { mode: 'site', base: '', now, pages });
  return {
    idx, now, o, siteTitle, domains, datasets, teams, runbooks, top,
    basePath: normaliseBasePath(o.basePath ?? idx.config?.site?.base_path),
    sub: { ...top, base: '../' },
    chrome: (links, title, active, extra = {}) => ({
      title, siteTitle, active, base: links.base, generatedAt: now,
      csp: extra.mermaid ? CSP.mermaid : CSP.plain,
      scripts: (extra.scripts ?? []).map((s) => `${links.base}${s}`),
    }),
    render: (name, view, links) => templates.render(name, view, { links }),
  };
}

function incidentPage(f: SiteFrame, file: Located<Incident>, summary: IncidentSummary): SitePage {
  const { o, sub } = f;
  const timeline = incidentTimeline(f.idx, file.data, o.history?.commitsOf(file.path), o.history?.partial);
  const v = incidentPageView(f.idx, file, summary, timeline, f.now, f.top.repositoryUrl);
  const scripts = o.mermaid ? ['assets/mermaid.min.js', 'assets/timeline.js'] : [];
  return {
    path: pagePath('incident', summary.id),
    content: f.render('site/incident.html', { page: f.chrome(sub, `${summary.id}: ${summary.title}`, 'incidents', { scripts, mermaid: o.mermaid }), ...v }, sub),
  };
}

/**
 * The incident pages of some incident files (a shard of the repo), for a site whose incident
 * pages are `siteIncidentIds`. `o.idx` needs the config and ownership, not the other incidents.
 */
export function* incidentPages(o: SiteOptions, siteIncidentIds: Iterable<string>, files: Iterable<Located<Incident>>): Generator<SitePage> {
  const f = siteFrame(o, siteIncidentIds);
  for (const file of files) yield incidentPage(f, file, summarize(o.idx, file, o.now));
}

/**
 * The whole site, or (`incidentPages: false`) every page but the incident pages, which shards of
 * the repo then render with `incidentPages`.
 */
export function buildSite(o: SiteOptions & { incidentPages?: boolean }): SitePlan {
  const { idx, now } = o;
  const { kept, skipped } = selectSiteIncidents(idx.model.incidents.map((f) => ({ ...siteEntry(f), file: f as Located<Incident> })));
  const files = kept.map((k) => k.file);
  const summaries: IncidentSummary[] = files.map((f) => summarize(idx, f, now));
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const fileOf = new Map(files.map((f) => [f.data.id, f]));
  summaries.sort(compareSummaries);
  const groups = groupIncidents(summaries);
  const frame = siteFrame(o, summaries.map((s) => s.id));
  const { domains, datasets, teams, runbooks, top, sub, chrome, render, basePath, siteTitle } = frame;
  const withIncidentPages = o.incidentPages ?? true;

  const fixed = 10;
  const listPages = 4;
  const total = fixed + listPages + (withIncidentPages ? summaries.length : 0) + domains.length + datasets.length + teams.length + runbooks.length;

  function* generate(): Generator<SitePage> {
    yield { path: '.nojekyll', content: '' };
    yield { path: 'assets/site.css', content: render('site/site.css', {}, top) };
    yield { path: 'assets/site.js', content: siteJs };
    yield { path: 'assets/timeline.js', content: timelineJs };

    // Index: every incident, open first; the filters read the JSON block.
    const filters = {
      statuses: STATUSES,
      severities: (idx.config?.taxonomy.severities ?? []).map((s) => ({ id: s.id, name: s.name })),
      domains: domains.map((id) => ({ id, name: idx.domains.get(id)?.domain.name ?? id })),
      teams: teams.map((id) => ({ id, name: idx.teams.get(id)?.name ?? id })),
    };
    const openCount = summaries.filter((s) => s.open).length;
    yield {
      path: 'index.html',
      content: render('site/index.html', {
        page: chrome(top, siteTitle, 'incidents', { scripts: ['assets/site.js'] }),
        rows: summaries, filters, data: summaries.map(indexDatum),
        counts: { total: summaries.length, open: openCount, overdue: summaries.filter((s) => s.overdue).length, skipped: skipped.length },
      }, top),
    };

    const dash = dashboardView(idx, now, o.history?.metrics);
    yield { path: 'dashboard.html', content: render('site/dashboard.html', { page: chrome(top, 'Metrics', 'dashboard'), ...dash }, top) };
    yield { path: 'data/metrics.json', content: `${JSON.stringify({ diagnostics: [], ...dash.metrics }, null, 2)}\n` };

    const exported: SiteIncidents = {
      generated_at: toIso(now),
      base_path: basePath,
      incidents: summaries.map((s) => ({
        id: s.id, title: s.title, severity: s.severity.id, status: s.status, open: s.open, drill: s.drill, domain: s.domain,
        datasets: s.datasets, owner: s.owner ?? null, owner_team: s.ownerTeam ?? null, teams: s.teams,
        detected_at: toIso(s.detectedMs), closed_at: s.closedAt ? s.closedAt : null,
        age_seconds: s.ageMs === undefined ? null : Math.round(s.ageMs / 1000),
        next_time_box: s.next ? { box: s.next.label, due: toIso(s.next.due), overdue: s.next.overdue } : null,
        page: pagePath('incident', s.id),
      })),
    };
    yield { path: 'data/incidents.json', content: `${JSON.stringify(exported)}\n` };
    yield { path: 'feed.xml', content: render('site/feed.xml', feedView(idx, files, byId, now, basePath, siteTitle), top) };
    yield { path: '404.html', content: render('site/404.html', { page: chrome(top, 'Not found', ''), basePath }, top) };

    // Lists
    yield { path: 'domains/index.html', content: render('site/list.html', { page: chrome(sub, 'Domains', 'domains'), kind: 'domains', domains: domains.map((id) => ({ ...idx.domains.get(id)!.domain, datasets: [...idx.datasets.values()].filter((e) => e.domain.id === id).length, incidents: groups.byDomain.get(id)?.length ?? 0, open: (groups.byDomain.get(id) ?? []).filter((s) => s.open).length })) }, sub) };
    yield { path: 'datasets/index.html', content: render('site/list.html', { page: chrome(sub, 'Datasets', 'domains'), kind: 'datasets', datasets: datasets.map((id) => ({ ...idx.datasets.get(id)!.dataset, domain: idx.datasets.get(id)!.domain.id, incidents: groups.byDataset.get(id)?.length ?? 0 })) }, sub) };
    yield { path: 'teams/index.html', content: render('site/list.html', { page: chrome(sub, 'Teams', 'teams'), kind: 'teams', teams: teams.map((id) => ({ ...idx.teams.get(id)!, size: new Set([...(idx.teams.get(id)!.members ?? []), ...(idx.teams.get(id)!.leads ?? [])]).size, incidents: groups.byTeam.get(id)?.length ?? 0 })) }, sub) };
    yield { path: 'runbooks/index.html', content: render('site/list.html', { page: chrome(sub, 'Runbooks', 'runbooks'), kind: 'runbooks', runbooks: runbooks.map((r) => { const v = runbookPageView(idx, r, groups); return { ...r.data, lastDrill: v.lastDrill, drills: v.drills, used: v.incidents.total }; }) }, sub) };

    for (const id of domains) {
      const v = domainPageView(idx, id, groups);
      yield { path: pagePath('domain', id), content: render('site/domain.html', { page: chrome(sub, v.domain.name ?? id, 'domains'), ...v }, sub) };
    }
    for (const id of datasets) {
      const v = datasetPageView(idx, id, groups);
      yield { path: pagePath('dataset', id), content: render('site/dataset.html', { page: chrome(sub, id, 'domains'), ...v }, sub) };
    }
    for (const id of teams) {
      const v = teamPageView(idx, id, groups, now);
      yield { path: pagePath('team', id), content: render('site/team.html', { page: chrome(sub, v.team.name ?? id, 'teams'), ...v }, sub) };
    }
    for (const r of runbooks) {
      const v = runbookPageView(idx, r, groups);
      yield { path: pagePath('runbook', r.data.id), content: render('site/runbook.html', { page: chrome(sub, r.data.title ?? r.data.id, 'runbooks'), ...v }, sub) };
    }
    if (withIncidentPages) for (const s of summaries) yield incidentPage(frame, fileOf.get(s.id)!, s);
  }

  return { total, pages: generate(), skipped, basePath };
}

/** The order of compareIncidents (src/core/render/facts.ts), on the summaries' parsed fields. */
function compareSummaries(a: IncidentSummary, b: IncidentSummary): number {
  if (a.open !== b.open) return a.open ? -1 : 1;
  if (a.open) return a.severity.rank - b.severity.rank || a.detectedMs - b.detectedMs || a.id.localeCompare(b.id);
  return b.detectedMs - a.detectedMs || b.id.localeCompare(a.id);
}

/** The Atom feed: the newest stakeholder updates of every incident, with links into the site. */
function feedView(idx: RepoIndex, files: readonly Located<Incident>[], byId: Map<string, IncidentSummary>, now: number, basePath: string, siteTitle: string) {
  const siteUrl = safeHref(idx.config?.site?.url);
  const root = siteUrl ? `${siteUrl.replace(/\/+$/, '')}/` : basePath;
  // Every update is a candidate, but only the newest FEED_ENTRIES are dressed for the feed.
  const candidates: { id: string; atMs: number; inc: Incident; u: NonNullable<Incident['updates']>[number] }[] = [];
  for (const f of files) {
    const inc = f.data;
    const updates = inc.updates ?? [];
    if (!updates.length) continue;
    const detectedMs = Date.parse(inc.detected_at);
    const day = detectedMs ? toIso(detectedMs).slice(0, 10) : undefined;
    updates.forEach((u, i) => {
      const atMs = Date.parse(u.at);
      if (!Number.isNaN(atMs)) candidates.push({ id: `tag:sitrep,${day ?? toIso(atMs).slice(0, 10)}:${inc.id}/updates/${i}`, atMs, inc, u });
    });
  }
  candidates.sort((a, b) => b.atMs - a.atMs || a.id.localeCompare(b.id));
  const latest = candidates.slice(0, FEED_ENTRIES).map(({ id, atMs, inc, u }) => ({
    id, incident: inc.id, title: `${inc.id} (${u.audience}, ${u.stage.replace('_', ' ')}): ${byId.get(inc.id)?.title ?? ''}`,
    at: toIso(atMs), atMs, audience: u.audience, stage: u.stage, by: u.by, text: u.text,
    href: `${root}${pagePath('incident', inc.id)}`,
  }));
  return {
    title: `${siteTitle}: updates`,
    id: `tag:sitrep,2025:${basePath}feed`,
    selfHref: `${root}feed.xml`,
    siteHref: root,
    updated: latest[0]?.at ?? toIso(now),
    entries: latest,
  };
}
