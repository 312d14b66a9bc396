/**
 * The incident lifecycle of DOMAIN.md: the order of statuses, the timestamp each sets,
 * and what each requires on entry. validate, check, `sitrep status` and the close notice
 * all ask this one module.
 */
import type { Incident, Status } from './schema/incident.js';
import type { RunbookStage } from './schema/common.js';
import type { YamlPath } from './finding.js';

export const FORWARD: readonly Status[] = ['detected', 'triaged', 'contained', 'remediated', 'verified', 'closed'];
export const OPEN_STATUSES: readonly Status[] = ['detected', 'triaged', 'contained', 'remediated', 'verified'];

export type TimestampField = 'started_at' | 'detected_at' | 'acknowledged_at' | 'contained_at' | 'remediated_at' | 'resolved_at' | 'closed_at';
/** The lifecycle order of timestamps. */
export const TIMESTAMP_ORDER: readonly TimestampField[] = [
  'started_at', 'detected_at', 'acknowledged_at', 'contained_at', 'remediated_at', 'resolved_at', 'closed_at',
];

export const STATUS_TIMESTAMP: Record<Status, TimestampField> = {
  detected: 'detected_at',
  triaged: 'acknowledged_at',
  contained: 'contained_at',
  remediated: 'remediated_at',
  verified: 'resolved_at',
  closed: 'closed_at',
  declined: 'closed_at',
};

/** The runbook stages whose work ends when an incident enters a status. */
export const STAGES_ENDED_BY: Record<Status, readonly RunbookStage[]> = {
  detected: [],
  triaged: ['triage'],
  contained: ['containment'],
  remediated: ['root_cause', 'remediation'],
  verified: ['verification'],
  closed: ['closure'],
  declined: [],
};

/** The runbook stage being worked while in a status (for updates and `sitrep new`). */
export const CURRENT_STAGE: Record<Status, RunbookStage> = {
  detected: 'triage',
  triaged: 'containment',
  contained: 'root_cause',
  remediated: 'verification',
  verified: 'closure',
  closed: 'closure',
  declined: 'closure',
};

export function isOpen(status: Status | undefined): boolean {
  return status !== undefined && OPEN_STATUSES.includes(status);
}

/** Position in the forward order; declined counts as the end. */
export function rank(status: Status): number {
  return status === 'declined' ? FORWARD.length - 1 : FORWARD.indexOf(status);
}

/** Timestamps a status may carry: those of the stages reached so far. */
export function allowedTimestamps(status: Status): ReadonlySet<TimestampField> {
  if (status === 'declined') return new Set(['started_at', 'detected_at', 'acknowledged_at', 'contained_at', 'closed_at']);
  const upTo = FORWARD.indexOf(status);
  return new Set(['started_at', ...FORWARD.slice(0, upTo + 1).map((s) => STATUS_TIMESTAMP[s])]);
}

/** The statuses an incident passes through to reach `status`, in order (itself included). */
export function pathTo(status: Status): readonly Status[] {
  return status === 'declined' ? ['detected', 'declined'] : FORWARD.slice(0, FORWARD.indexOf(status) + 1);
}

export interface Requirement {
  status: Status;
  path: YamlPath;
  message: string;
  hint?: string;
}

/** Per-incident facts the requirements need from outside the file. */
export interface RequirementContext {
  /** Whether the severity needs a post-incident review. */
  reviewRequired: boolean;
  /** Teams whose sign-off the severity requires, with the role that made them required. */
  signoffTeams: readonly { team: string; role: string }[];
  /** Whether `login` may sign for `team` (a member or lead in the relevant ownership). */
  canSign(team: string, login: string): boolean;
  /** Statuses skipped under a waiver: their own requirements do not apply. */
  waived: ReadonlySet<Status>;
}

/** Statuses an incident's waivers let it skip (a waiver whose `stage` names the skipped status). */
export function waivedStatuses(inc: Incident): Set<Status> {
  return new Set((inc.waivers ?? []).flatMap((w) => (w.stage ? [w.stage] : [])));
}

/** What one status requires on entry, beyond the statuses before it. */
export function requirementsOf(status: Status, inc: Incident, ctx: RequirementContext): Requirement[] {
  const out: Requirement[] = [];
  const need = (path: YamlPath, message: string, hint?: string) => out.push({ status, path, message, hint });
  const ts = STATUS_TIMESTAMP[status];
  if (!inc[ts]) need([ts], `status ${status} needs \`${ts}\``, `Set ${ts} to when the incident became ${status}.`);
  switch (status) {
    case 'detected':
      break;
    case 'triaged':
      if (!inc.roles?.owner) need(['roles'], 'status triaged needs an incident owner in `roles.owner`', 'Name the on-call owner who took the incident.');
      if (!inc.runbook) need([], 'status triaged needs a `runbook`', 'Pick the runbook that applies from runbooks/.');
      if (!inc.channel) need([], 'status triaged needs an incident `channel`', 'For example "#inc-2025-0042".');
      if (!inc.impact) need([], 'status triaged needs an `impact` with a summary', 'Describe who is affected and how.');
      break;
    case 'contained': {
      const applied = (inc.mitigations ?? []).some((m) => m.applied_at);
      if (!applied) need(inc.mitigations ? ['mitigations'] : [], 'status contained needs a mitigation with `applied_at`', 'Record the mitigation that stopped the impact from growing.');
      break;
    }
    case 'remediated':
      if (!inc.root_cause) need([], 'status remediated needs a `root_cause`', 'Add root_cause with summary and category.');
      if (!inc.remediation?.length) need([], 'status remediated needs `remediation` actions with owners', 'List the fixes and the team that owns each.');
      break;
    case 'verified': {
      const checks = inc.verification ?? [];
      if (!checks.length) need([], 'status verified needs `verification` checks', 'Record each check against its baseline, with evidence.');
      checks.forEach((c, i) => {
        if (!c.passed) need(['verification', i, 'passed'], `verification check ${i + 1} did not pass`, 'Only passed checks let an incident be verified.');
        if (!c.evidence) need(['verification', i], `verification check ${i + 1} has no \`evidence\``, 'Link the query output or dashboard that proves it.');
      });
      break;
    }
    case 'closed': {
      if (!inc.started_at) need([], 'status closed needs `started_at` (when the fault entered the data; an estimate is fine)');
      for (const { team, role } of ctx.signoffTeams) {
        const entry = (inc.signoff ?? []).find((s) => s.team === team);
        if (!entry) need(inc.signoff ? ['signoff'] : [], `status closed needs a sign-off from team ${team} (${role})`, `Add { team: ${team}, by: <member login>, at: <time> } to signoff.`);
        else if (!ctx.canSign(team, entry.by)) need(['signoff', (inc.signoff ?? []).indexOf(entry), 'by'], `${entry.by} cannot sign off for ${team}: not a member or lead of it`);
      }
      if (ctx.reviewRequired && !inc.review?.due) need(inc.review ? ['review'] : [], `severity ${inc.severity} needs a post-incident \`review\` with a \`due\` date to close`);
      break;
    }
    case 'declined':
      if (!(inc.ledger ?? []).some((e) => e.kind === 'decision')) need(inc.ledger ? ['ledger'] : [], 'status declined needs a ledger `decision` entry that says why', 'Add a ledger entry of kind decision explaining the false alarm.');
      break;
  }
  return out;
}

/** Everything `status` requires, including every status before it that was not skipped under a waiver. */
export function unmetRequirements(status: Status, inc: Incident, ctx: RequirementContext): Requirement[] {
  return pathTo(status).filter((s) => s === status || !ctx.waived.has(s)).flatMap((s) => requirementsOf(s, inc, ctx));
}
