/** A reversible mitigation has a rollback plan and pre- and postconditions. */
import { at } from '../finding.js';
import { validIncidents, type Rule } from './rule.js';

export const reversibleMitigations: Rule = {
  name: 'reversible-mitigations',
  run(ctx) {
    for (const { path, data } of validIncidents(ctx)) {
      data.mitigations?.forEach((m, i) => {
        if (!m.reversible) return;
        const missing = [!m.rollback && 'rollback', !m.preconditions?.length && 'preconditions', !m.postconditions?.length && 'postconditions'].filter(Boolean);
        if (missing.length) {
          ctx.report(at('MITIGATION_ROLLBACK', path, ['mitigations', i], `reversible mitigation ${m.id} has no ${missing.join(', ')}`, 'A reversible change needs a rollback plan and the conditions to check before and after it.'));
        }
        if (m.rolled_back_at && !m.applied_at) {
          ctx.report(at('MITIGATION_ROLLBACK', path, ['mitigations', i, 'rolled_back_at'], `mitigation ${m.id} is rolled back but was never applied`, 'Set applied_at first.'));
        } else if (m.rolled_back_at && m.applied_at && Date.parse(m.rolled_back_at) < Date.parse(m.applied_at)) {
          ctx.report(at('TIME_ORDER', path, ['mitigations', i, 'rolled_back_at'], `mitigation ${m.id} is rolled back (${m.rolled_back_at}) before it was applied (${m.applied_at})`));
        }
      });
    }
  },
};
