/** Upstream lineage has no cycles. */
import { at } from '../finding.js';
import type { Rule } from './rule.js';

export const lineage: Rule = {
  name: 'lineage',
  run({ idx, report }) {
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    const visit = (id: string, trail: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        const cycle = [...trail.slice(trail.indexOf(id)), id];
        const e = idx.datasets.get(id)!;
        if (!reported.has(id)) {
          cycle.forEach((c) => reported.add(c));
          report(at('LINEAGE_CYCLE', e.path, ['datasets', e.index, 'upstream'], `upstream lineage forms a cycle: ${cycle.join(' → ')}`, 'A dataset cannot be built, directly or indirectly, from itself.'));
        }
        return;
      }
      state.set(id, 'visiting');
      for (const up of idx.datasets.get(id)?.dataset.upstream ?? []) if (idx.datasets.has(up)) visit(up, [...trail, id]);
      state.set(id, 'done');
    };
    for (const id of idx.datasets.keys()) visit(id, []);
  },
};
