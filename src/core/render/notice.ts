/**
 * The formal close notice: summary and impact; root cause and remediation; verification with
 * evidence; the timeline and the sign-offs; the follow-ups (review and action items).
 * Readiness is the lifecycle's own answer (`unmetRequirements('closed')` with the sign-off context);
 * an incident that is not ready gets the list of what is missing instead of a notice.
 */
import type { Incident } from '../schema/incident.js';
import { isOpen, unmetRequirements, type Requirement } from '../lifecycle.js';
import { requirementContext, requiredSignoffs } from '../signoff.js';
import { informedConsumers, ownerTeam, type RepoIndex } from '../repo-index.js';
import { formatPath } from '../finding.js';
import { buildTimeline, timelineMermaid, type Timeline } from '../timeline.js';
import type { IncidentCommit } from '../history/types.js';
import { STATUS_TEXT, severityFacts, span, type SeverityFacts } from './facts.js';
import { linkContext } from './links.js';
import { createTemplates } from './templates.js';
import type { RenderDocumentOptions } from './update.js';
import { oneLine, safeHref } from './escape.js';
import { formatDate } from './helpers.js';
import { parseDuration } from '../time.js';

export interface TimelineView {
  /**
   * `ref`: the anchor of a ledger entry or update (`ledger-3`, `update-0`); `links`: a ledger entry's links
   * (`href` only when safe to link).
   */
  events: { at: string; when: string; source: string; kind: string; text: string; by?: string; sha?: string; pr?: number; ref?: string; links?: { href?: string; text: string }[] }[];
  warnings: string[];
  /** Mermaid gantt source of the stages (rendered by the bundled mermaid on the site). */
  mermaid: string;
}

export interface NoticeView {
  id: string;
  title: string;
  severity: SeverityFacts;
  status: string;
  statusText: string;
  declined: boolean;
  drill: boolean;
  domain: string;
  datasets: string[];
  symptom: string;
  regressionOf?: string;
  times: { field: string; label: string; at?: string }[];
  durations: { label: string; ms?: number }[];
  roles?: Incident['roles'];
  ownerTeam?: string;
  impact: { summary?: string; external: boolean; categories: string[]; consumers: { team: string; via: string }[] };
  rootCause?: { summary: string; category: string; enteredAt?: string };
  remediation: NonNullable<Incident['remediation']>;
  mitigations: NonNullable<Incident['mitigations']>;
  verification: NonNullable<Incident['verification']>;
  timeline: TimelineView;
  signoffs: { team: string; role: string; by?: string; at?: string; signed: boolean }[];
  review?: {
    due: string; heldAt?: string; facilitator?: string; doc?: string; learnings: string[];
    actionItems: NonNullable<NonNullable<Incident['review']>['action_items']>;
  };
  /** Declined: the decision entries that say why. */
  decisions: { at: string; by: string; text: string }[];
}

const TIMES: { field: keyof Incident & string; label: string }[] = [
  { field: 'started_at', label: 'Fault entered the data' },
  { field: 'detected_at', label: 'Detected' },
  { field: 'acknowledged_at', label: 'Acknowledged' },
  { field: 'contained_at', label: 'Contained' },
  { field: 'remediated_at', label: 'Remediated' },
  { field: 'resolved_at', label: 'Resolved (data trusted again)' },
  { field: 'closed_at', label: 'Closed' },
];

function name(idx: RepoIndex, list: 'impact_categories' | 'root_cause_categories' | 'symptoms', id: string): string {
  return idx.config?.taxonomy[list].find((c) => c.id === id)?.name ?? id;
}

/** The timeline as the templates show it, with the mermaid gantt (labels stripped of markup characters). */
export function timelineView(inc: Incident, timeline: Timeline, now?: number): TimelineView {
  // Only declared events lend their text to gantt labels; strip what could read as markup there.
  const clean = { ...timeline, events: timeline.events.map((e) => (e.source === 'declared' ? { ...e, text: oneLine(e.text).replace(/[<>&"'`{}[\]\\]/g, ' ') } : e)) };
  const ledger = inc.ledger ?? [];
  const updates = inc.updates ?? [];
  return {
    events: timeline.events.map((e) => {
      const sha = e.sha ?? e.recorded?.sha;
      const pr = e.pr ?? e.recorded?.pr;
      const m = e.field && (e.source === 'ledger' || e.source === 'update') ? /^(ledger|updates)\[(\d+)\]$/.exec(e.field) : null;
      const ev: TimelineView['events'][number] = { at: e.at, when: formatDate(e.at), source: e.source, kind: e.kind, text: e.text };
      if (e.by) ev.by = e.by;
      if (sha) ev.sha = sha;
      if (pr !== undefined) ev.pr = pr;
      if (m) {
        ev.ref = `${m[1] === 'ledger' ? 'ledger' : 'update'}-${m[2]}`;
        // The entry as written, line breaks kept (the timeline joins them into one line).
        const entry = m[1] === 'ledger' ? ledger[Number(m[2])] : updates[Number(m[2])];
        if (typeof entry?.text === 'string') ev.text = m[1] === 'ledger' ? entry.text.trim() : `[${(entry as { stage?: string }).stage ?? ''}] ${entry.text.trim()}`;
        const links = m[1] === 'ledger' ? ledger[Number(m[2])]?.links : undefined;
        if (links?.length) ev.links = links.map((l) => (safeHref(l) ? { href: l, text: l } : { text: l }));
      }
      return ev;
    }),
    warnings: timeline.warnings.map((w) => w.message),
    mermaid: timelineMermaid(clean, { title: inc.id, ...(now !== undefined && isOpen(inc.status) ? { now } : {}) }),
  };
}

/** `now` ends the running stage of an open incident's gantt (the site); without it, the last event does. */
export function noticeView(idx: RepoIndex, inc: Incident, timeline: Timeline = buildTimeline(inc), now?: number): NoticeView {
  const required = requiredSignoffs(idx, inc);
  const signoffs = required.map(({ team, role }) => {
    const s = (inc.signoff ?? []).find((x) => x.team === team);
    return { team, role, signed: !!s, ...(s ? { by: s.by, at: s.at } : {}) };
  });
  for (const s of inc.signoff ?? []) {
    if (!signoffs.some((x) => x.team === s.team)) signoffs.push({ team: s.team, role: 'additional', signed: true, by: s.by, at: s.at });
  }
  const review = inc.review;
  return {
    id: inc.id,
    title: inc.title,
    severity: severityFacts(idx, inc.severity),
    status: inc.status,
    statusText: STATUS_TEXT[inc.status] ?? inc.status,
    declined: inc.status === 'declined',
    drill: inc.drill ?? false,
    domain: inc.domain,
    datasets: [...inc.datasets],
    symptom: name(idx, 'symptoms', inc.symptom),
    regressionOf: inc.regression_of,
    times: TIMES.filter((t) => inc[t.field]).map((t) => ({ field: t.field, label: t.label, at: inc[t.field] as string })),
    durations: [
      { label: 'Time to detect', ms: span(inc.started_at, inc.detected_at) },
      { label: 'Time to acknowledge', ms: span(inc.detected_at, inc.acknowledged_at) },
      { label: 'Time to contain', ms: span(inc.detected_at, inc.contained_at) },
      { label: 'Time to resolve', ms: span(inc.detected_at, inc.resolved_at) },
    ].filter((d) => d.ms !== undefined),
    roles: inc.roles,
    ownerTeam: ownerTeam(idx, inc),
    impact: {
      summary: inc.impact?.summary,
      external: inc.impact?.external ?? false,
      categories: (inc.impact?.categories ?? []).map((c) => name(idx, 'impact_categories', c)),
      consumers: informedConsumers(idx, inc),
    },
    rootCause: inc.root_cause ? { summary: inc.root_cause.summary, category: name(idx, 'root_cause_categories', inc.root_cause.category), enteredAt: inc.root_cause.entered_at } : undefined,
    remediation: inc.remediation ?? [],
    mitigations: inc.mitigations ?? [],
    verification: inc.verification ?? [],
    timeline: timelineView(inc, timeline, now),
    signoffs,
    review: review ? {
      due: review.due, heldAt: review.held_at, facilitator: review.facilitator, doc: review.doc,
      learnings: review.learnings ?? [], actionItems: review.action_items ?? [],
    } : undefined,
    decisions: (inc.ledger ?? []).filter((e) => e.kind === 'decision').map((e) => ({ at: e.at, by: e.by, text: e.text })),
  };
}

/** What the incident still lacks to be closed (or declined, for a declined one). Empty: ready. */
export function noticeReadiness(idx: RepoIndex, inc: Incident): Requirement[] {
  return unmetRequirements(inc.status === 'declined' ? 'declined' : 'closed', inc, requirementContext(idx, inc));
}

/** One line per missing requirement: "signoff: status closed needs a sign-off from team x (producer)". */
export function describeMissing(missing: readonly Requirement[]): string[] {
  return missing.map((r) => `${r.path.length ? `${formatPath(r.path)}: ` : ''}${r.message}${r.hint ? ` (${r.hint})` : ''}`);
}

export interface NoticeOptions extends RenderDocumentOptions {
  /** The commits that touched the incident file, for the timeline's commit links. */
  commits?: readonly IncidentCommit[];
  /** The history is a shallow clone's: the timeline says so. */
  partial?: boolean;
}

const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/** The timeline of an incident with the repo's clock tolerance. */
export function incidentTimeline(idx: RepoIndex, inc: Incident, commits?: readonly IncidentCommit[], partial?: boolean): Timeline {
  const tolerance = parseDuration(idx.config?.clock_tolerance) ?? DEFAULT_TOLERANCE_MS;
  const timeline = buildTimeline(inc, commits, { clockToleranceMs: tolerance, partial });
  // Commits from the light history (no contents read) say what the commit was, not what it changed.
  const subjects = new Map((commits ?? []).map((c) => [c.sha, c.subject]));
  for (const e of timeline.events) {
    if (e.source !== 'commit' || !e.sha) continue;
    const plain = (e.changes ?? []).every((c) => c === 'created' || c === 'deleted the file' || c.startsWith('renamed '));
    if (plain) e.text = `${e.by ?? 'someone'} committed${e.changes?.length ? ` (${e.changes.join('; ')})` : ''}: ${subjects.get(e.sha) || e.sha.slice(0, 7)}`;
  }
  return timeline;
}

export type NoticeResult = { ok: true; content: string } | { ok: false; missing: Requirement[] };

/** Renders the close notice, or says what is missing. Markdown (the default) is safe as a GitHub comment. */
export function renderNotice(idx: RepoIndex, inc: Incident, opts: NoticeOptions = {}): NoticeResult {
  const missing = noticeReadiness(idx, inc);
  if (missing.length) return { ok: false, missing };
  const now = opts.now ?? Date.now();
  const templates = opts.templates ?? createTemplates().templates;
  const links = opts.links ?? linkContext(idx, { mode: 'document', now });
  const view = noticeView(idx, inc, incidentTimeline(idx, inc, opts.commits, opts.partial));
  return { ok: true, content: templates.render(opts.format === 'html' ? 'notice.html' : 'notice.md', { ...view, generatedAt: now }, { links }) };
}
