/**
 * Escalation of an overrun (DOMAIN.md, "Escalation"): which policy applies to an incident, and
 * which level of it applies once a time box has been overrun for some time.
 *
 * - Policy: the `escalation` policy of the producer team of the incident's first dataset;
 *   when that team has none (or the dataset is unknown), the policy of the incident owner's team
 *   (repo-index `ownerTeam`).
 * - Level: the last level whose `after` ≤ the time overrun. Before the first level's `after`,
 *   no level applies yet (`level: 0`, `next` says when the first one will).
 * - Targets are resolved at `at` (the on-call rotation at that time) through targets.ts.
 *
 * Pure: `check`, `watch` and the Actions call it with their own "now".
 */
import type { Incident } from './schema/incident.js';
import type { EscalationPolicy } from './schema/ownership.js';
import { ownerTeam, type RepoIndex } from './repo-index.js';
import { resolveTarget, type ResolvedTarget } from './targets.js';
import { parseDuration } from './time.js';

export interface PolicyChoice {
  policy: EscalationPolicy;
  /** The team whose `escalation` names the policy. */
  team: string;
  /** Why this team: it produces the first dataset, or it is the incident owner's team. */
  via: 'producer' | 'owner';
}

export interface EscalationState {
  /** Policy id, the team it came from, and why. */
  policy: string;
  team: string;
  via: PolicyChoice['via'];
  /** 1-based level that applies, or 0 when the overrun is shorter than the first level's `after`. */
  level: number;
  /** The applying level's `after` (ISO-8601), when a level applies. */
  after?: string;
  /** The applying level's targets as written (`oncall:orders-data`), empty at level 0. */
  notify: string[];
  /** The same targets resolved: logins, GitHub teams, channels. */
  targets: ResolvedTarget[];
  /** The next level and how long after the overrun it applies, if there is one. */
  next?: { level: number; after: string; afterMs: number };
}

/** The escalation policy of an incident, or undefined when neither team names a known policy. */
export function escalationPolicyFor(idx: RepoIndex, inc: Incident): PolicyChoice | undefined {
  const first = Array.isArray(inc.datasets) ? inc.datasets[0] : undefined;
  const producer = first ? idx.datasets.get(first)?.dataset.producer : undefined;
  const fromTeam = (team: string | undefined, via: PolicyChoice['via']): PolicyChoice | undefined => {
    const id = team ? idx.teams.get(team)?.escalation : undefined;
    const policy = id ? idx.policies.get(id) : undefined;
    return policy && team ? { policy, team, via } : undefined;
  };
  return fromTeam(producer, 'producer') ?? fromTeam(ownerTeam(idx, inc), 'owner');
}

/**
 * The escalation that applies to an incident whose box has been overrun for `overdueMs`,
 * with targets resolved at time `at`. Undefined when no policy applies.
 */
export function escalationAt(idx: RepoIndex, inc: Incident, overdueMs: number, at: number): EscalationState | undefined {
  const choice = escalationPolicyFor(idx, inc);
  if (!choice) return undefined;
  const levels = (choice.policy.levels ?? []).map((l, i) => ({ level: i + 1, after: l.after, afterMs: parseDuration(l.after), notify: l.notify ?? [] }));
  let current: (typeof levels)[number] | undefined;
  let next: (typeof levels)[number] | undefined;
  for (const l of levels) {
    if (l.afterMs === undefined) continue;
    if (l.afterMs <= overdueMs) current = l;
    else if (!next || l.afterMs < next.afterMs!) next = l;
  }
  const notify = current ? [...current.notify] : [];
  return {
    policy: choice.policy.id,
    team: choice.team,
    via: choice.via,
    level: current?.level ?? 0,
    ...(current ? { after: current.after } : {}),
    notify,
    targets: notify.map((t) => resolveTarget(idx, t, at)).filter((t): t is ResolvedTarget => t !== undefined),
    ...(next ? { next: { level: next.level, after: next.after, afterMs: next.afterMs! } } : {}),
  };
}
