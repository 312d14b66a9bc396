/** Escalation levels are in increasing `after` order. */
import { at } from '../finding.js';
import { parseDuration } from '../time.js';
import type { Rule } from './rule.js';

export const escalationOrder: Rule = {
  name: 'escalation-order',
  run({ idx, report }) {
    const esc = idx.model.escalation;
    if (!esc?.valid) return;
    esc.data.policies.forEach((p, i) => {
      let prev = -1;
      p.levels.forEach((l, k) => {
        const ms = parseDuration(l.after) ?? 0;
        if (ms <= prev) report(at('ESCALATION_ORDER', esc.path, ['policies', i, 'levels', k, 'after'], `policy ${p.id}: level ${k + 1} (after ${l.after}) does not come after level ${k} (after ${p.levels[k - 1].after})`, 'Order levels by increasing `after`.'));
        prev = Math.max(prev, ms);
      });
    });
  },
};
