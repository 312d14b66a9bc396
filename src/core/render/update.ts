/**
 * A stakeholder update for one audience: what is known, what is being done, the impact, and when
 * the next update is due (the severity's cadence). An external update shows no internal names and
 * no ledger text: its view model is built from public facts and the updates written for external
 * readers (redacted), so a template cannot show what the view does not hold.
 */
import type { Audience, Incident } from '../schema/incident.js';
import { CURRENT_STAGE, isOpen } from '../lifecycle.js';
import { informedConsumers, ownerTeam, type RepoIndex } from '../repo-index.js';
import { parseInstant } from '../time.js';
import { DOING_TEXT, STATUS_TEXT, nextUpdateDue, severityFacts, updatesFor, type SeverityFacts } from './facts.js';
import { redactor } from './redact.js';
import { linkContext, type LinkContext } from './links.js';
import { createTemplates, type Templates } from './templates.js';

export interface UpdateView {
  audience: Audience;
  external: boolean;
  /** The internal audience sees the ledger; exec sees escalations. */
  internal: boolean;
  exec: boolean;
  id: string;
  /** External: a neutral heading instead of the title (titles name datasets). */
  heading: string;
  title?: string;
  severity: SeverityFacts;
  status: string;
  statusText: string;
  stage: string;
  open: boolean;
  generatedAt: number;
  detectedAt: string;
  startedAt?: string;
  known: {
    updates: { at: string; stage: string; audience: string; text: string; by?: string }[];
    rootCause?: { summary: string; category: string };
    ledger: { at: string; by: string; kind: string; text: string }[];
  };
  doing: {
    text: string;
    mitigations: { id: string; action: string; appliedAt?: string; rolledBackAt?: string }[];
    remediation: { action: string; owner: string; status: string }[];
    runbook?: string;
  };
  impact: {
    summary?: string;
    external: boolean;
    categories: string[];
    datasets: string[];
    consumers: { team: string; via: string }[];
  };
  nextUpdate?: { due: number; every: string; overdue: boolean };
  roles?: { owner?: string; comms?: string; tech_lead?: string; scribe?: string };
  ownerTeam?: string;
  channel?: string;
  escalations: { at: string; to: string; reason: string }[];
}

const LATEST_UPDATES = 5;
const LATEST_LEDGER = 5;

function categoryName(idx: RepoIndex, list: 'impact_categories' | 'root_cause_categories', id: string): string {
  return idx.config?.taxonomy[list].find((c) => c.id === id)?.name ?? id;
}

function newestFirst<T extends { at: string }>(xs: readonly T[], n: number): T[] {
  return [...xs].sort((a, b) => (parseInstant(b.at) ?? 0) - (parseInstant(a.at) ?? 0)).slice(0, n);
}

export function updateView(idx: RepoIndex, inc: Incident, audience: Audience, now: number): UpdateView {
  const external = audience === 'external';
  const internal = audience === 'internal';
  const exec = audience === 'exec';
  const next = nextUpdateDue(idx, inc);
  const redact = external ? redactor(idx, inc) : (s: string) => s;
  const categories = (inc.impact?.categories ?? []).map((c) => categoryName(idx, 'impact_categories', c));
  const base: UpdateView = {
    audience, external, internal, exec,
    id: inc.id,
    heading: external ? `Data incident ${inc.id}` : `${inc.id}: ${inc.title}`,
    severity: severityFacts(idx, inc.severity),
    status: inc.status,
    statusText: STATUS_TEXT[inc.status] ?? inc.status,
    stage: CURRENT_STAGE[inc.status] ?? '',
    open: isOpen(inc.status),
    generatedAt: now,
    detectedAt: inc.detected_at,
    startedAt: inc.started_at,
    known: {
      updates: newestFirst(updatesFor(inc, audience), LATEST_UPDATES).map((u) => ({
        at: u.at, stage: u.stage, audience: u.audience, text: redact(u.text), ...(external ? {} : { by: u.by }),
      })),
      ledger: [],
    },
    doing: { text: DOING_TEXT[inc.status] ?? '', mitigations: [], remediation: [] },
    impact: { external: inc.impact?.external ?? false, categories, datasets: [], consumers: [] },
    nextUpdate: next ? { due: next.due, every: next.every, overdue: now > next.due } : undefined,
    escalations: [],
  };
  if (external) return base;

  base.title = inc.title;
  base.roles = inc.roles;
  base.ownerTeam = ownerTeam(idx, inc);
  base.channel = inc.channel;
  base.impact.summary = inc.impact?.summary;
  base.impact.datasets = [...inc.datasets];
  base.impact.consumers = informedConsumers(idx, inc);
  if (inc.root_cause) base.known.rootCause = { summary: inc.root_cause.summary, category: categoryName(idx, 'root_cause_categories', inc.root_cause.category) };
  base.doing.runbook = inc.runbook;
  base.doing.mitigations = (inc.mitigations ?? []).map((m) => ({ id: m.id, action: m.action, appliedAt: m.applied_at, rolledBackAt: m.rolled_back_at }));
  base.doing.remediation = (inc.remediation ?? []).map((r) => ({ action: r.action, owner: r.owner, status: r.status }));
  if (internal) base.known.ledger = newestFirst(inc.ledger ?? [], LATEST_LEDGER).map((e) => ({ at: e.at, by: e.by, kind: e.kind, text: e.text }));
  if (internal || exec) base.escalations = (inc.escalations ?? []).map((e) => ({ at: e.at, to: e.to, reason: e.reason }));
  return base;
}

export type DocumentFormat = 'md' | 'html';

export interface RenderDocumentOptions {
  format?: DocumentFormat;
  /** The clock, epoch ms (default: now). */
  now?: number;
  /** A registry with the repo's overrides; built-in templates otherwise. */
  templates?: Templates;
  /** How people, teams and pages are linked; documents by default. */
  links?: LinkContext;
}

/**
 * Renders a stakeholder update. Markdown (the default) is safe to post as a GitHub comment:
 * untrusted text is escaped, mentions do not ping, links are http(s) only.
 */
export function renderUpdate(idx: RepoIndex, inc: Incident, audience: Audience, opts: RenderDocumentOptions = {}): string {
  const now = opts.now ?? Date.now();
  const format = opts.format ?? 'md';
  const templates = opts.templates ?? createTemplates().templates;
  const links = opts.links ?? linkContext(idx, { mode: 'document', now });
  return templates.render(format === 'md' ? 'update.md' : 'update.html', updateView(idx, inc, audience, now), { links });
}
