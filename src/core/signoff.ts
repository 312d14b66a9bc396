/** Which teams must sign off an incident before close, from its severity's roles (config). */
import type { Incident } from './schema/incident.js';
import { isMemberOf, ownerTeam, severityOf, type RepoIndex } from './repo-index.js';
import { waivedStatuses, type RequirementContext } from './lifecycle.js';

export interface RequiredSignoff { team: string; role: string }

export function requiredSignoffs(idx: RepoIndex, inc: Incident): RequiredSignoff[] {
  const sev = severityOf(idx, inc.severity);
  const out: RequiredSignoff[] = [];
  const add = (team: string | undefined, role: string) => {
    if (team && !out.some((r) => r.team === team)) out.push({ team, role });
  };
  const datasets = inc.datasets.map((d) => idx.datasets.get(d)?.dataset).filter((d) => d !== undefined);
  for (const role of sev?.signoff ?? []) {
    switch (role) {
      case 'producer': datasets.forEach((d) => add(d.producer, role)); break;
      case 'platform': datasets.forEach((d) => add(d.platform, role)); break;
      case 'consumers': datasets.forEach((d) => d.consumers.forEach((c) => add(c, role))); break;
      case 'owner': add(ownerTeam(idx, inc), role); break;
      default: add(role, 'team');
    }
  }
  return out;
}

/**
 * The requirement context of an incident. `eligible` is the index whose membership decides
 * who may sign: the head itself for validate, the base for a PR check.
 */
export function requirementContext(idx: RepoIndex, inc: Incident, eligible: RepoIndex = idx): RequirementContext {
  return {
    reviewRequired: severityOf(idx, inc.severity)?.review_required ?? false,
    signoffTeams: requiredSignoffs(idx, inc),
    canSign: (team, login) => isMemberOf(eligible, team, login),
    waived: waivedStatuses(inc),
  };
}
