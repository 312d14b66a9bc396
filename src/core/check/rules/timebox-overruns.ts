/**
 * Time boxes of the open incidents the PR touches, at "now": each overrun is a warning that names
 * the box, how long it is overdue, and the escalation level and targets that now apply.
 */
import { isOpen } from '../../lifecycle.js';
import { severityOf } from '../../repo-index.js';
import { escalationAt, type EscalationState } from '../../escalation.js';
import { overruns } from '../../timeboxes.js';
import { formatDuration, toIso, toIsoDuration } from '../../time.js';
import type { ChangeRule, EscalationReport } from '../types.js';
import { validHead } from '../values.js';
import { watchIncident } from '../../watch.js';

export function describeEscalation(e: EscalationState | undefined): string {
  if (!e) return 'no escalation policy applies (neither the first dataset\'s producer team nor the owner\'s team names one)';
  const policy = `policy ${e.policy} (${e.via} team ${e.team})`;
  if (e.level === 0) return `${policy}: no level yet${e.next ? `, level ${e.next.level} after ${e.next.after}` : ''}`;
  const who = e.targets.map((t) => {
    const people = [...t.logins.map((l) => `@${l}`), ...t.githubTeams];
    return people.length ? `${t.target} (${people.join(', ')})` : t.target;
  });
  return `escalation level ${e.level} of ${policy} applies: notify ${who.join(', ')}`;
}

export function escalationReport(e: EscalationState | undefined): EscalationReport | null {
  if (!e) return null;
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    policy: e.policy, team: e.team, via: e.via, level: e.level, after: e.after ?? null, notify: e.notify,
    logins: uniq(e.targets.flatMap((t) => t.logins)),
    github_teams: uniq(e.targets.flatMap((t) => t.githubTeams)),
    channels: uniq(e.targets.flatMap((t) => t.channels)),
    next: e.next ? { level: e.next.level, after: e.next.after } : null,
  };
}

export const timeboxOverruns: ChangeRule = {
  name: 'timebox-overruns',
  run(ctx) {
    for (const c of ctx.changes) {
      const inc = validHead(c);
      if (!inc) continue;
      // The watch's other findings show in PR checks too (cron runs are late): overdue action
      // items, and the review box of a closed incident. One source: watchIncident.
      for (const f of watchIncident(ctx.head, inc, c.head!.path, ctx.now)) {
        if (f.kind !== 'action_item' && isOpen(inc.status)) continue;
        const tell = [...f.people.map((p) => `@${p}`), ...f.teams].join(', ');
        ctx.report({
          code: 'WATCH_FINDING', file: c.head!.path, place: { path: f.from.replace(/\]/g, '').split(/[.[]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x)) },
          message: `${f.message}; overdue by ${formatDuration(f.overdue_seconds * 1000)}${tell ? `; tell ${tell}` : ''}`,
        });
      }
      if (!isOpen(inc.status)) continue;
      const sev = severityOf(ctx.head, inc.severity);
      if (!sev) continue;
      for (const o of overruns(inc, sev, ctx.now)) {
        const escalation = escalationAt(ctx.head, inc, o.overdueMs, ctx.now);
        ctx.overrun({
          incident: c.id, file: c.head!.path, box: o.box, length: o.length, from: o.from.field,
          due: toIso(o.due), overdue_by: toIsoDuration(o.overdueMs), overdue_seconds: Math.round(o.overdueMs / 1000),
          escalation: escalationReport(escalation),
        });
        ctx.report({
          code: 'TIMEBOX_OVERRUN', file: c.head!.path, place: { path: o.from.path },
          message: `${o.box} box (${o.length} from ${o.from.field}) is overdue by ${formatDuration(o.overdueMs)} (due ${toIso(o.due)}, ${o.box === 'update_every' ? `no stakeholder update since ${toIso(o.from.at)}` : `${o.end.field} not set`}); ${describeEscalation(escalation)}`,
        });
      }
    }
  },
};
