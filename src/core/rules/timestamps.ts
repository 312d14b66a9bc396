/** Lifecycle timestamps are in order, and none belongs to a stage after the current status. */
import { at } from '../finding.js';
import { TIMESTAMP_ORDER, allowedTimestamps } from '../lifecycle.js';
import { validIncidents, type Rule } from './rule.js';

export const timestamps: Rule = {
  name: 'timestamps',
  run(ctx) {
    for (const { path, data } of validIncidents(ctx)) {
      const allowed = allowedTimestamps(data.status);
      let prev: { field: string; t: number; raw: string } | undefined;
      for (const field of TIMESTAMP_ORDER) {
        const raw = data[field];
        if (!raw) continue;
        if (!allowed.has(field)) {
          ctx.report(at('TIME_LATER_STAGE', path, [field], `${field} is set, but status ${data.status} has not reached that stage`, `Remove ${field}, or move the status forward.`, 'key'));
        }
        const t = Date.parse(raw);
        if (prev && t < prev.t) {
          ctx.report(at('TIME_ORDER', path, [field], `${field} (${raw}) is before ${prev.field} (${prev.raw})`));
        }
        prev = { field, t, raw };
      }
    }
  },
};
