/**
 * The timeline of one incident: its declared timestamps, its ledger and updates, and (when the
 * git history is given) the commits that recorded them, merged into one ordered list. Pure: the
 * same incident and commits always give the same events. Works without any history.
 */
import type { Incident, Status } from './schema/incident.js';
import type { YamlPath } from './finding.js';
import { formatPath } from './finding.js';
import { toIso, parseInstant } from './time.js';
import { describeChange, type IncidentChange, type IncidentCommit } from './history/types.js';
import { escapeMarkdown } from './render/escape.js';

export type TimelineSource = 'declared' | 'ledger' | 'update' | 'commit';

/** The commit that recorded an entry. */
export interface RecordedIn {
  sha: string;
  /** Author date, UTC. */
  at: string;
  by: string;
  pr?: number;
}

export interface TimelineEvent {
  /** UTC ISO-8601, to the second. */
  at: string;
  source: TimelineSource;
  /**
   * declared: started, detected, acknowledged, contained, remediated, resolved, closed, declined,
   * mitigation-applied, mitigation-rolled-back, remediation-done, verification, escalation, signoff,
   * review-due, review-held, action-item-done. ledger: the entry kind. update: the audience.
   * commit: created, changed, renamed, deleted, merged.
   */
  kind: string;
  text: string;
  /** A login (file entries) or a git author name (commits). */
  by?: string;
  /** For commits: the commit; for file entries: see `recorded`. */
  sha?: string;
  pr?: number;
  /** Where the entry is in the incident file: `ledger[2]`, `contained_at`. Absent for commits. */
  field?: string;
  /** The status a declared lifecycle timestamp belongs to. */
  stage?: Status;
  /** Updates: the audience; ledger: the entry kind is `kind`. */
  audience?: string;
  /** Mitigation or action item id. */
  id?: string;
  /** For commits: what changed, one short line each. */
  changes?: string[];
  /** For commits: the author's email. */
  email?: string;
  /** For file entries, when the history is known: the commit that first recorded the entry as it is now. */
  recorded?: RecordedIn;
}

export interface TimelineWarning {
  code: 'HISTORY_AFTER_COMMIT' | 'HISTORY_REWRITTEN' | 'HISTORY_PARTIAL';
  message: string;
  /** YAML path in the incident file, when the warning is about one entry. */
  path?: YamlPath;
  sha?: string;
}

export interface Timeline {
  events: TimelineEvent[];
  warnings: TimelineWarning[];
}

export interface TimelineOptions {
  /** How far after its recording commit an entry may be dated (clock skew), ms. Default 5 minutes. */
  clockToleranceMs?: number;
  /** The history stops at a shallow clone's edge: say so. */
  partial?: boolean;
}

const DEFAULT_TOLERANCE_MS = 5 * 60_000;
const SOURCE_ORDER: Record<TimelineSource, number> = { declared: 0, ledger: 1, update: 2, commit: 3 };

const LIFECYCLE: { field: keyof Incident & string; kind: string; stage?: Status; text: string }[] = [
  { field: 'started_at', kind: 'started', text: 'Fault entered the data' },
  { field: 'detected_at', kind: 'detected', stage: 'detected', text: 'Detected' },
  { field: 'acknowledged_at', kind: 'acknowledged', stage: 'triaged', text: 'Acknowledged by an owner (triaged)' },
  { field: 'contained_at', kind: 'contained', stage: 'contained', text: 'Contained: impact stopped growing' },
  { field: 'remediated_at', kind: 'remediated', stage: 'remediated', text: 'Remediated: fix in place' },
  { field: 'resolved_at', kind: 'resolved', stage: 'verified', text: 'Resolved: data can be trusted again (verified)' },
  { field: 'closed_at', kind: 'closed', stage: 'closed', text: 'Closed' },
];

/** UTC ISO of a timestamp string, or undefined when it is not one. */
function utc(s: unknown): string | undefined {
  const t = parseInstant(s);
  return t === undefined ? undefined : toIso(t);
}

/** A list field of an incident that may not have been validated. */
function list<T>(v: T[] | undefined): T[] {
  // Entries that are not mappings become empty ones, so indexes still match the file.
  return Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? x : ({} as T))) : [];
}

/** Free text on one line, for table cells and labels. */
function oneLine(s: unknown): string {
  return typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '';
}

/** Where each entry of the current file was first recorded, from the commits' changes. */
class Recorder {
  readonly #by = new Map<string, { commit: IncidentCommit; change: IncidentChange }>();
  constructor(commits: readonly IncidentCommit[]) {
    // Oldest first; the first commit that recorded an entry as it is now wins (a merge repeats its branch's changes).
    const ordered = [...commits].sort((a, b) => Date.parse(a.committedAt) - Date.parse(b.committedAt) || Date.parse(a.at) - Date.parse(b.at));
    for (const commit of ordered) {
      for (const change of commit.changes) {
        const key = Recorder.key(change);
        if (key && !this.#by.has(key)) this.#by.set(key, { commit, change });
      }
    }
  }

  static key(c: IncidentChange): string | undefined {
    switch (c.kind) {
      case 'timestamp': return c.to ? `ts:${c.field}:${utc(c.to) ?? c.to}` : undefined;
      // Entries are keyed by position, time and text: an edited entry is recorded by the commit that edited it.
      case 'ledger-added': return `ledger:${c.index}:${utc(c.at) ?? c.at}:${c.text}`;
      case 'update-added': return `update:${c.index}:${utc(c.at) ?? c.at}:${c.text}`;
      case 'ledger-rewritten': return c.removed ? undefined : `ledger:${c.index}:${utc(c.at) ?? c.at}:${c.text}`;
      case 'update-rewritten': return c.removed ? undefined : `update:${c.index}:${utc(c.at) ?? c.at}:${c.text}`;
      case 'mitigation-applied': return `mit-applied:${c.id}:${utc(c.at) ?? c.at}`;
      case 'mitigation-rolled-back': return `mit-rolled:${c.id}:${utc(c.at) ?? c.at}`;
      case 'signoff-added': return `signoff:${c.team}:${c.by}:${utc(c.at) ?? c.at}`;
      case 'dated': return `entry:${c.field}:${utc(c.at) ?? c.at}`;
      default: return undefined;
    }
  }

  find(key: string): IncidentCommit | undefined {
    return this.#by.get(key)?.commit;
  }
}

function recordedIn(c: IncidentCommit): RecordedIn {
  return { sha: c.sha, at: c.at, by: c.author.name, ...(c.pr !== undefined ? { pr: c.pr } : {}) };
}

/**
 * Builds the timeline. `commits` are the commits that touched the incident's file (any order),
 * as the history reader gives them; without them the timeline has the file's own events only.
 */
export function buildTimeline(inc: Incident, commits?: readonly IncidentCommit[], opts: TimelineOptions = {}): Timeline {
  const tolerance = opts.clockToleranceMs ?? DEFAULT_TOLERANCE_MS;
  const events: TimelineEvent[] = [];
  const warnings: TimelineWarning[] = [];
  const recorder = commits ? new Recorder(commits) : undefined;

  /** Adds a file event; links it to its recording commit and checks it is not dated after it. */
  const add = (ev: TimelineEvent, path: YamlPath, key?: string) => {
    ev.field = formatPath(path);
    const commit = recorder?.find(key ?? `entry:${ev.field}:${ev.at}`);
    if (commit) {
      ev.recorded = recordedIn(commit);
      const late = Date.parse(ev.at) - Date.parse(commit.committedAt);
      if (late > tolerance) {
        warnings.push({
          code: 'HISTORY_AFTER_COMMIT',
          path,
          sha: commit.sha,
          message: `${ev.field} is dated ${ev.at}, after the commit that recorded it (${commit.sha.slice(0, 7)}, committed ${commit.committedAt})`,
        });
      }
    }
    events.push(ev);
  };

  for (const l of LIFECYCLE) {
    const at = utc(inc[l.field]);
    if (!at) continue;
    const declined = l.field === 'closed_at' && inc.status === 'declined';
    add(
      { at, source: 'declared', kind: declined ? 'declined' : l.kind, text: declined ? 'Declined: closed as a false alarm' : l.text, ...(l.stage ? { stage: declined ? 'declined' : l.stage } : {}) },
      [l.field],
      `ts:${l.field}:${at}`,
    );
  }
  list(inc.mitigations).forEach((m, i) => {
    const applied = utc(m.applied_at);
    if (applied) add({ at: applied, source: 'declared', kind: 'mitigation-applied', id: m.id, by: m.owner, text: `Mitigation ${m.id} applied: ${oneLine(m.action)}` }, ['mitigations', i, 'applied_at'], `mit-applied:${m.id}:${applied}`);
    const rolled = utc(m.rolled_back_at);
    if (rolled) add({ at: rolled, source: 'declared', kind: 'mitigation-rolled-back', id: m.id, by: m.owner, text: `Mitigation ${m.id} rolled back` }, ['mitigations', i, 'rolled_back_at'], `mit-rolled:${m.id}:${rolled}`);
  });
  list(inc.escalations).forEach((e, i) => {
    const at = utc(e.at);
    if (at) add({ at, source: 'declared', kind: 'escalation', by: e.by, text: `Escalated to ${e.to}: ${oneLine(e.reason)}` }, ['escalations', i]);
  });
  list(inc.remediation).forEach((r, i) => {
    const at = utc(r.done_at);
    if (at) add({ at, source: 'declared', kind: 'remediation-done', text: `Remediation done (${r.owner}): ${oneLine(r.action)}` }, ['remediation', i, 'done_at']);
  });
  list(inc.verification).forEach((v, i) => {
    const at = utc(v.at);
    if (at) add({ at, source: 'declared', kind: 'verification', by: v.by, text: `Verification ${v.passed ? 'passed' : 'failed'}: ${oneLine(v.check)}` }, ['verification', i]);
  });
  list(inc.signoff).forEach((s, i) => {
    const at = utc(s.at);
    if (at) add({ at, source: 'declared', kind: 'signoff', by: s.by, text: `Sign-off for ${s.team}` }, ['signoff', i], `signoff:${s.team}:${s.by}:${at}`);
  });
  const review = typeof inc.review === 'object' && inc.review !== null ? inc.review : undefined;
  const held = utc(review?.held_at);
  if (held) add({ at: held, source: 'declared', kind: 'review-held', by: review?.facilitator, text: 'Post-incident review held' }, ['review', 'held_at']);
  list(review?.action_items).forEach((a, i) => {
    const at = utc(a.done_at);
    if (at) add({ at, source: 'declared', kind: 'action-item-done', id: a.id, text: `Action item ${a.id} done (${a.owner}): ${oneLine(a.action)}` }, ['review', 'action_items', i, 'done_at']);
  });
  list(inc.ledger).forEach((e, i) => {
    const at = utc(e.at);
    if (at) add({ at, source: 'ledger', kind: e.kind, by: e.by, text: oneLine(e.text) }, ['ledger', i], `ledger:${i}:${at}:${e.text}`);
  });
  list(inc.updates).forEach((u, i) => {
    const at = utc(u.at);
    if (at) add({ at, source: 'update', kind: u.audience, audience: u.audience, by: u.by, text: `[${u.stage}] ${oneLine(u.text)}` }, ['updates', i], `update:${i}:${at}:${u.text}`);
  });

  for (const c of commits ?? []) {
    const kind = c.merge ? 'merged' : c.changes.some((x) => x.kind === 'created') ? 'created'
      : c.changes.some((x) => x.kind === 'deleted') ? 'deleted'
        : c.changes.length > 0 && c.changes.every((x) => x.kind === 'renamed') ? 'renamed' : 'changed';
    const changes = c.changes.map(describeChange);
    events.push({
      at: c.at,
      source: 'commit',
      kind,
      by: c.author.name,
      email: c.author.email,
      sha: c.sha,
      ...(c.pr !== undefined ? { pr: c.pr } : {}),
      text: `${c.author.name} ${c.merge ? 'merged' : 'recorded'} ${changes.length ? changes.join('; ') : 'no visible change'} (${c.subject || c.sha.slice(0, 7)})`,
      changes,
    });
    for (const x of c.changes) {
      if (x.kind === 'ledger-rewritten' || x.kind === 'update-rewritten') {
        const list = x.kind === 'ledger-rewritten' ? 'ledger' : 'updates';
        warnings.push({
          code: 'HISTORY_REWRITTEN',
          sha: c.sha,
          message: `commit ${c.sha.slice(0, 7)} ${x.removed ? 'removed' : 'edited'} ${list}[${x.index}]: the ${list} is append-only`,
        });
      }
    }
  }
  if (opts.partial) {
    warnings.push({ code: 'HISTORY_PARTIAL', message: 'the git history is partial (a shallow clone): the earliest commits of this incident may be missing. Fetch the full history (git fetch --unshallow; actions/checkout with fetch-depth: 0).' });
  }

  // Stable: within one instant, declared before ledger before updates before commits, each in file order.
  // Instants are parsed once, not in the comparator: the site sorts thousands of timelines.
  const order = events.map((e, i) => ({ e, i, t: Date.parse(e.at) }));
  order.sort((a, b) => a.t - b.t || SOURCE_ORDER[a.e.source] - SOURCE_ORDER[b.e.source] || a.i - b.i);
  return { events: order.map((o) => o.e), warnings };
}

// ---------------------------------------------------------------- markdown

/** Incident text is untrusted: the one escaping module makes it literal and mention-free for GitHub. */
const cell = (s: string | undefined): string => escapeMarkdown(s ?? '');

export interface MarkdownOptions {
  /** Web URL of the repository, to link commits and PRs (site.repository_url). */
  repositoryUrl?: string;
}

function commitRef(sha: string, pr: number | undefined, repo?: string): string {
  const short = sha.slice(0, 7);
  const c = repo ? `[${short}](${repo}/commit/${sha})` : `\`${short}\``;
  if (pr === undefined) return c;
  return `${c} ${repo ? `[#${pr}](${repo}/pull/${pr})` : `#${pr}`}`;
}

/** A table to paste into a document: time (UTC), source, kind, by, what, recorded in. */
export function timelineMarkdown(t: Timeline, opts: MarkdownOptions = {}): string {
  const repo = opts.repositoryUrl?.replace(/\/+$/, '');
  const rows = t.events.map((e) => {
    const where = e.source === 'commit' ? commitRef(e.sha!, e.pr, repo) : e.recorded ? commitRef(e.recorded.sha, e.recorded.pr, repo) : '';
    return `| ${e.at.replace('T', ' ').replace('Z', '')} | ${e.source} | ${cell(e.kind)} | ${cell(e.by)} | ${cell(e.text)} | ${where} |`;
  });
  const lines = ['| Time (UTC) | Source | Kind | By | What | Recorded in |', '|---|---|---|---|---|---|', ...rows];
  if (t.warnings.length) {
    lines.push('', ...t.warnings.map((w) => `> **Warning** (${w.code}): ${escapeMarkdown(w.message)}`));
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- mermaid

export interface MermaidOptions {
  title?: string;
  /** End of the current stage of an open incident; without it the stage ends at the last event. */
  now?: number;
}

/** Gantt task names cannot hold `:` `;` `#` or line breaks (they end the name or start a comment). */
function label(s: string): string {
  return s.replace(/[:;#\n\r]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || '-';
}

function ganttDate(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

/**
 * A gantt of the stages (UTC): the time undetected, then triage, containment, root cause and
 * remediation, verification and closure, one bar each; mitigations as bars; declared events as milestones.
 */
export function timelineMermaid(t: Timeline, opts: MermaidOptions = {}): string {
  const declared = new Map<string, string>();
  for (const e of t.events) if (e.source === 'declared' && e.field && !e.field.includes('[') && !declared.has(e.kind)) declared.set(e.kind, e.at);
  const lines = ['gantt', `  title ${label(opts.title ?? 'Incident timeline')} (UTC)`, '  dateFormat YYYY-MM-DD HH:mm:ss', '  axisFormat %m-%d %H:%M'];
  const last = t.events.length ? t.events[t.events.length - 1].at : undefined;
  const openEnd = opts.now !== undefined ? toIso(opts.now) : last;

  const stages: { name: string; from: string[]; to: string }[] = [
    { name: 'Undetected', from: ['started'], to: 'detected' },
    { name: 'Triage', from: ['detected'], to: 'acknowledged' },
    { name: 'Containment', from: ['acknowledged', 'detected'], to: 'contained' },
    { name: 'Root cause and remediation', from: ['contained', 'acknowledged', 'detected'], to: 'remediated' },
    { name: 'Verification', from: ['remediated', 'contained', 'acknowledged', 'detected'], to: 'resolved' },
    { name: 'Closure', from: ['resolved', 'remediated', 'contained', 'acknowledged', 'detected'], to: 'closed' },
  ];
  const bars: string[] = [];
  let n = 0;
  const closedAt = declared.get('closed') ?? declared.get('declined');
  if (declared.has('declined')) {
    // A false alarm: the time undetected and triage if known, then the decision to decline.
    const [started, detected, acked] = [declared.get('started'), declared.get('detected'), declared.get('acknowledged')];
    const bar = (name: string, from: string, to: string) => { if (Date.parse(to) >= Date.parse(from)) bars.push(`    ${name} :done, s${++n}, ${ganttDate(from)}, ${ganttDate(to)}`); };
    if (started && detected) bar('Undetected', started, detected);
    if (detected && acked) bar('Triage', detected, acked);
    const from = acked ?? detected;
    if (from) bar('Declined (false alarm)', from, closedAt!);
  } else {
    let activeShown = false;
    for (const s of stages) {
      const startKind = s.from.find((k) => declared.has(k));
      if (!startKind) continue;
      if (s.name === 'Undetected' && !declared.has('started')) continue;
      const start = declared.get(startKind)!;
      const end = declared.get(s.to);
      if (end) {
        if (Date.parse(end) >= Date.parse(start)) bars.push(`    ${s.name} :done, s${++n}, ${ganttDate(start)}, ${ganttDate(end)}`);
      } else if (!activeShown && !closedAt && openEnd && Date.parse(openEnd) >= Date.parse(start)) {
        bars.push(`    ${s.name} (in progress) :active, s${++n}, ${ganttDate(start)}, ${ganttDate(openEnd)}`);
        activeShown = true;
      }
    }
  }
  if (bars.length) lines.push('  section Stages', ...bars);

  const mitigations = new Map<string, { applied?: string; rolled?: string; text: string }>();
  for (const e of t.events) {
    if (e.source !== 'declared' || !e.id || !e.kind.startsWith('mitigation')) continue;
    const m = mitigations.get(e.id) ?? { text: e.id };
    if (e.kind === 'mitigation-applied') m.applied = e.at;
    else m.rolled = e.at;
    mitigations.set(e.id, m);
  }
  const mbars: string[] = [];
  for (const [id, m] of mitigations) {
    if (!m.applied) continue;
    const end = m.rolled ?? closedAt ?? openEnd;
    if (end && Date.parse(end) > Date.parse(m.applied)) mbars.push(`    ${label(id)}${m.rolled ? ' (rolled back)' : ''} :${m.rolled ? 'done' : 'active'}, m${++n}, ${ganttDate(m.applied)}, ${ganttDate(end)}`);
    else mbars.push(`    ${label(id)} applied :milestone, m${++n}, ${ganttDate(m.applied)}, 0m`);
  }
  if (mbars.length) lines.push('  section Mitigations', ...mbars);

  const milestones = t.events
    .filter((e) => e.source === 'declared' && ['detected', 'acknowledged', 'contained', 'remediated', 'resolved', 'closed', 'declined', 'escalation'].includes(e.kind))
    .map((e) => `    ${label(e.kind === 'escalation' ? e.text.split(': ')[0] : e.kind)} :milestone, e${++n}, ${ganttDate(e.at)}, 0m`);
  if (milestones.length) lines.push('  section Events', ...milestones);
  return `${lines.join('\n')}\n`;
}
