/**
 * The watch Action's tracking issues, decided purely: one issue per incident with findings,
 * found by the tracking label and the incident's marker (src/core/sticky-comment.ts), its body
 * built from the findings, and the change to make: create, update (body, title or reopen), close
 * (the incident has no finding any more), or nothing.
 *
 * The body holds what stays true between two runs: which boxes and items are overdue, since
 * when, the escalation level and who it names. It leaves out "overdue by", which grows every
 * run: the body changes, and people are mentioned again, when the escalation moves, not on
 * every schedule.
 *
 * Mentions: exactly the logins and GitHub teams computeWatch says must be told (the targets of
 * the escalation level, or the owner before the first level), in one line at the end. Every
 * other text is escaped (no mention pings, no markup), so incident text cannot add a mention.
 */
import type { WatchIncident, WatchResult } from './watch.js';
import { escapeMarkdown, markdownCode, oneLine } from './render/escape.js';
import { fitBody, hasMarker, watchMarker } from './sticky-comment.js';

export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

export type IssueChange =
  | { action: 'create'; incident: string; title: string; body: string; labels: string[] }
  | { action: 'update'; incident: string; number: number; title?: string; body?: string; state?: 'open' }
  | { action: 'close'; incident: string; number: number }
  | { action: 'none'; incident: string; number: number };

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The mentions line: `@login` and `@org/team`, only for well-formed names, sorted for a stable body. */
export function mentionLine(people: readonly string[], teams: readonly string[]): string {
  const logins = [...new Set(people.filter((p) => LOGIN.test(p)))].sort().map((p) => `@${p}`);
  const handles = [...new Set(teams.filter((t) => TEAM.test(t)))].sort();
  return [...logins, ...handles].join(' ');
}

export function trackingTitle(w: WatchIncident): string {
  return `sitrep watch: ${oneLine(w.id, 40)} overdue (${oneLine(w.severity, 12)}, escalation level ${w.level}): ${oneLine(w.title, 120)}`;
}

export function trackingBody(w: WatchIncident): string {
  const rows = w.findings.map((f) => {
    const what = {
      timebox: `${f.box ?? ''} time box`,
      update: 'stakeholder update',
      review: 'post-incident review',
      action_item: `action item ${f.action_item ?? ''}`,
    }[f.kind];
    const level = f.escalation ? `${f.escalation.level}/${f.escalation.levels} (${f.escalation.policy})` : 'no policy';
    const next = f.escalation?.next ? `level ${f.escalation.next.level} at ${f.escalation.next.at}` : '';
    const cells = [what, f.due, f.from, level, next].map((c) => escapeMarkdown(c));
    return `| ${cells.join(' | ')} |`;
  });
  const mentions = mentionLine(w.people, w.teams);
  const lines = [
    watchMarker(w.id),
    `### ${markdownCode(w.id)} ${escapeMarkdown(w.title)}`,
    '',
    `Severity ${escapeMarkdown(w.severity)}, status ${escapeMarkdown(w.status)}, owner ${w.owner ? markdownCode(w.owner) : 'none'}, file ${markdownCode(w.file)}.`,
    '',
    '| Overdue | Due (UTC) | Measured from | Escalation level | Next |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    w.channels.length ? `Channels: ${w.channels.map((c) => markdownCode(c)).join(', ')}` : 'Channels: none known',
    '',
    mentions ? `Escalation: ${mentions}` : 'Escalation: nobody to mention (no target resolves to a GitHub login or team).',
    '',
    '_Kept by the sitrep watch Action: it updates this issue when the findings change and closes it when the incident has none._',
  ];
  return fitBody(`${lines.join('\n')}\n`, 'Cut to fit GitHub\'s limit; run `sitrep watch` for every finding.');
}

/** The tracking issue of an incident among `issues`: an open one first, else the newest closed one. */
export function findTrackingIssue(issues: readonly TrackedIssue[], incidentId: string): TrackedIssue | undefined {
  const marker = watchMarker(incidentId);
  const mine = issues.filter((i) => hasMarker(i.body, marker));
  return mine.find((i) => i.state === 'open') ?? [...mine].sort((a, b) => b.number - a.number)[0];
}

/** The incident id a tracking issue is for, from its marker. */
export function trackedIncidentOf(issue: TrackedIssue): string | undefined {
  return /^<!-- sitrep:watch id=([A-Za-z0-9_.-]+) -->/.exec(issue.body)?.[1];
}

const normalise = (s: string) => s.replace(/\r\n?/g, '\n');

/**
 * The changes that make the issues match the watch: `tracked` are the incidents that should
 * have an open issue; every other open tracking issue is closed.
 */
export function planTrackingIssues(tracked: readonly WatchIncident[], issues: readonly TrackedIssue[], label: string): IssueChange[] {
  const out: IssueChange[] = [];
  const wanted = new Set<number>();
  for (const w of tracked) {
    const title = trackingTitle(w);
    const body = trackingBody(w);
    const issue = findTrackingIssue(issues, w.id);
    if (!issue) {
      out.push({ action: 'create', incident: w.id, title, body, labels: [label] });
      continue;
    }
    wanted.add(issue.number);
    const change: IssueChange & { action: 'update' } = { action: 'update', incident: w.id, number: issue.number };
    if (normalise(issue.body) !== normalise(body)) change.body = body;
    if (issue.title !== title) change.title = title;
    if (issue.state !== 'open') change.state = 'open';
    out.push(change.body !== undefined || change.title !== undefined || change.state ? change : { action: 'none', incident: w.id, number: issue.number });
  }
  for (const issue of issues) {
    if (issue.state !== 'open' || wanted.has(issue.number)) continue;
    const id = trackedIncidentOf(issue);
    if (id) out.push({ action: 'close', incident: id, number: issue.number });
  }
  return out;
}

/** The incidents the watch Action tracks: open ones with findings (closed ones too when asked). */
export function trackedIncidents(result: WatchResult, opts: { includeClosed?: boolean } = {}): WatchIncident[] {
  return result.incidents.filter((w) => w.findings.length > 0 && (opts.includeClosed || (w.status !== 'closed' && w.status !== 'declined')));
}
