/**
 * Entry requirements (the lifecycle table), checked on every incident the PR touches at the
 * status it has in head: the new status's requirements and those of every status before it.
 * It replaces validate's status-requirements rule in `check`: sign-offs are left to the
 * signoff-claims rule, which takes eligible members from the **base** ownership.
 */
import { unmetRequirements, waivedStatuses } from '../../lifecycle.js';
import { severityOf } from '../../repo-index.js';
import type { ChangeRule } from '../types.js';
import { statusOf, validHead } from '../values.js';

export const transitionRequirements: ChangeRule = {
  name: 'transition-requirements',
  run(ctx) {
    for (const c of ctx.changes) {
      const inc = validHead(c);
      if (!inc) continue;
      const from = statusOf(c.base);
      const ctxReq = {
        reviewRequired: severityOf(ctx.head, inc.severity)?.review_required ?? false,
        signoffTeams: [],
        canSign: () => true,
        waived: waivedStatuses(inc),
      };
      for (const r of unmetRequirements(inc.status, inc, ctxReq)) {
        const moving = from !== inc.status;
        ctx.report({
          // A missing field (a timestamp the status sets) is reported at the status that needs it.
          code: 'STATUS_REQUIREMENT', file: c.head!.path, place: { path: r.path.length && r.path[0] in inc ? r.path : ['status'] },
          message: moving && r.status === inc.status ? `${r.message} (entering ${inc.status} in this PR)` : r.message,
          ...(r.hint ? { hint: r.hint } : {}),
        });
      }
    }
  },
};
