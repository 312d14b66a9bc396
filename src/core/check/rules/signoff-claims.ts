/**
 * Sign-off claims. For each incident that moves to closed in the PR, the teams its severity's
 * roles require (resolved in base and in head, so a PR cannot drop a team by editing ownership),
 * each with the logins that may sign for it: its members and leads in the **base** ownership,
 * so a PR cannot add its author to a team to gain sign-off power. Each needs a well-formed claim
 * in `signoff` by one of them. The list goes to the gate Action, which checks real approvals.
 */
import { requiredSignoffs } from '../../signoff.js';
import type { RepoIndex } from '../../repo-index.js';
import type { ChangeRule } from '../types.js';
import { isClosedStatus, statusOf, validHead } from '../values.js';

/** Members and leads of a team in an index, in file order. */
export function eligibleSigners(idx: RepoIndex, team: string): string[] {
  const t = idx.teams.get(team);
  return t ? [...new Set([...(t.members ?? []), ...(t.leads ?? [])])] : [];
}

export const signoffClaims: ChangeRule = {
  name: 'signoff-claims',
  run(ctx) {
    for (const c of ctx.changes) {
      const inc = validHead(c);
      if (!inc || inc.status !== 'closed' || isClosedStatus(statusOf(c.base))) continue;
      const file = c.head!.path;
      const required = [...requiredSignoffs(ctx.base, inc), ...requiredSignoffs(ctx.head, inc)]
        .filter((r, i, all) => all.findIndex((x) => x.team === r.team) === i);
      const claims = (inc.signoff ?? []).map((s, i) => ({ s, i }));
      for (const { team, role } of required) {
        const members = eligibleSigners(ctx.base, team);
        const mine = claims.filter(({ s }) => s.team === team);
        const good = mine.find(({ s }) => members.includes(s.by));
        const claim = good ?? mine[0];
        ctx.requireSignoff({ incident: c.id, file, team, role, members, claimed_by: claim?.s.by ?? null });
        if (!members.length) {
          ctx.report({
            code: 'SIGNOFF_CLAIM', file, place: { path: claim ? ['signoff', claim.i, 'team'] : inc.signoff ? ['signoff'] : ['status'], ...(claim || !inc.signoff ? {} : { target: 'key' as const }) },
            message: `closing ${c.id} needs a sign-off from team ${team} (${role}), which has no members in the base ownership`,
            hint: 'Sign-off power comes from ownership/teams.yaml before this PR: add the team and its members in an earlier PR.',
          });
        } else if (!claim) {
          ctx.report({
            code: 'SIGNOFF_CLAIM', file, place: { path: inc.signoff ? ['signoff'] : ['status'], ...(inc.signoff ? { target: 'key' as const } : {}) },
            message: `closing ${c.id} needs a sign-off from team ${team} (${role}); none is claimed`,
            hint: `Add { team: ${team}, by: <one of ${members.join(', ')}>, at: <time> } to signoff.`,
          });
        } else if (!good) {
          ctx.report({
            code: 'SIGNOFF_CLAIM', file, place: { path: ['signoff', claim.i, 'by'] },
            message: `${claim.s.by} signs off for ${team}, but is not a member or lead of ${team} in the base ownership (${members.join(', ')})`,
            hint: 'A sign-off counts only from someone on the team before this PR.',
          });
        }
      }
    }
  },
};
