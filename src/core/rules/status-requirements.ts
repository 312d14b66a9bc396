/** Everything the current status requires is present (the lifecycle table in DOMAIN.md). */
import { at } from '../finding.js';
import { unmetRequirements } from '../lifecycle.js';
import { requirementContext } from '../signoff.js';
import { validIncidents, type Rule } from './rule.js';

export const statusRequirements: Rule = {
  name: 'status-requirements',
  run(ctx) {
    for (const { path, data } of validIncidents(ctx)) {
      for (const r of unmetRequirements(data.status, data, requirementContext(ctx.idx, data))) {
        ctx.report(at('STATUS_REQUIREMENT', path, r.path.length ? r.path : ['status'], r.message, r.hint));
      }
    }
  },
};
