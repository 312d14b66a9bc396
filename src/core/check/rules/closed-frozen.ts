/**
 * A closed incident (status closed or declined in base) is frozen except for its `review`: every
 * other top-level field that differs in head is reported, at its key in head (or in base when
 * the field is removed). A reopen of a closed incident is also LIFECYCLE_REOPEN.
 */
import type { ChangeRule } from '../types.js';
import { canonical, isClosedStatus, isObj, statusOf } from '../values.js';

/** What a closed incident may still change. */
export const EDITABLE_WHEN_CLOSED: ReadonlySet<string> = new Set(['review']);

export const closedFrozen: ChangeRule = {
  name: 'closed-frozen',
  run(ctx) {
    for (const c of ctx.changes) {
      const from = statusOf(c.base);
      if (!isClosedStatus(from) || !c.head || !c.base) continue;
      const base = c.base.data as unknown;
      const head = c.head.data as unknown;
      if (!isObj(base) || !isObj(head)) continue;
      const keys = [...Object.keys(head), ...Object.keys(base).filter((k) => !(k in head))];
      for (const key of keys) {
        if (EDITABLE_WHEN_CLOSED.has(key) || canonical(base[key]) === canonical(head[key])) continue;
        const removed = !(key in head);
        ctx.report({
          code: 'CLOSED_FROZEN',
          file: removed ? c.base.path : c.head.path,
          place: { path: [key], target: 'key' },
          ...(removed ? { inBase: true } : {}),
          message: `\`${key}\` of ${c.id} is ${removed ? 'removed' : key in base ? 'changed' : 'added'}, but the incident is ${from}: only its review may change`,
          waivable: { change: c },
        });
      }
    }
  },
};
