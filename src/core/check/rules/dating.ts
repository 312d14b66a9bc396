/**
 * Dating. Nothing the PR adds or changes is dated after the head commit's time plus the config's
 * clock_tolerance (DOMAIN.md: "after the time of the commit that records it"), and a new ledger
 * entry or update is not dated before the latest entry already merged in the same list.
 * Only date-times are checked; calendar dates such as review.due are plans, not records.
 */
import type { YamlPath } from '../../finding.js';
import { TIMESTAMP_ORDER } from '../../lifecycle.js';
import { formatDuration, parseInstant, toIso, toIsoDuration } from '../../time.js';
import { formatPath } from '../../finding.js';
import type { ChangeRule } from '../types.js';
import { isObj, list } from '../values.js';
import { diffAppendOnly } from './append-only.js';

/** Every date-time field of an incident (by the schema), with its YAML path. */
export function timestampFields(inc: unknown): { path: YamlPath; value: unknown }[] {
  if (!isObj(inc)) return [];
  const out: { path: YamlPath; value: unknown }[] = [];
  const add = (path: YamlPath, value: unknown) => { if (value !== undefined) out.push({ path, value }); };
  for (const f of TIMESTAMP_ORDER) add([f], inc[f]);
  const each = (field: string, keys: readonly string[]) => list(inc[field]).forEach((e, i) => {
    if (isObj(e)) for (const k of keys) add([field, i, k], e[k]);
  });
  each('ledger', ['at']);
  each('updates', ['at']);
  each('mitigations', ['applied_at', 'rolled_back_at']);
  each('remediation', ['done_at']);
  each('verification', ['at']);
  each('signoff', ['at']);
  each('escalations', ['at']);
  if (isObj(inc.review)) {
    add(['review', 'held_at'], inc.review.held_at);
    list(inc.review.action_items).forEach((a, i) => { if (isObj(a)) add(['review', 'action_items', i, 'done_at'], a.done_at); });
  }
  return out;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let v = data;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObj(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return v;
}

export const dating: ChangeRule = {
  name: 'dating',
  run(ctx) {
    const limit = ctx.headTime + ctx.tolerance;
    for (const c of ctx.changes) {
      if (!c.head) continue;
      const file = c.head.path;
      const base = c.base?.data as unknown;
      const headData = c.head.data as unknown;
      const diffs = new Map(['ledger', 'updates'].map((f) => [f, diffAppendOnly(
        list(isObj(base) ? base[f] : undefined), list(isObj(headData) ? headData[f] : undefined))]));
      // Only what this PR adds or changes: merged values were checked against their own commit.
      const newInBase = (path: YamlPath, value: unknown) => {
        if (!base) return true;
        const d = diffs.get(String(path[0]));
        if (d) {
          if (d.added.includes(path[1] as number)) return true;
          const edit = d.edited.find((e) => e.head === path[1]);
          return !!edit && valueAt(base, [path[0], edit.base, ...path.slice(2)]) !== value;
        }
        return valueAt(base, path) !== value;
      };
      for (const { path, value } of timestampFields(c.head.data)) {
        const t = parseInstant(value);
        if (t === undefined || t <= limit || !newInBase(path, value)) continue;
        ctx.report({
          code: 'DATED_FUTURE', file, place: { path },
          message: `\`${formatPath(path)}\` (${String(value)}) is ${formatDuration(t - ctx.headTime)} after the head commit (${toIso(ctx.headTime)}); the clock tolerance is ${toIsoDuration(ctx.tolerance)}`,
          waivable: { change: c },
        });
      }
      if (!isObj(base) || !isObj(headData)) continue;
      for (const [field, what] of [['ledger', 'ledger entry'], ['updates', 'update']] as const) {
        let latest: { t: number; raw: string } | undefined;
        for (const e of list(base[field])) {
          const t = isObj(e) ? parseInstant(e.at) : undefined;
          if (t !== undefined && (!latest || t > latest.t)) latest = { t, raw: String((e as Record<string, unknown>).at) };
        }
        if (!latest) continue;
        const entries = list(headData[field]);
        for (const index of diffs.get(field)!.added) {
          const entry = entries[index];
          const t = isObj(entry) ? parseInstant(entry.at) : undefined;
          if (t === undefined || t >= latest.t) continue;
          ctx.report({
            code: 'DATED_BEFORE_MERGED', file, place: { path: [field, index, 'at'] },
            message: `new ${what} ${index + 1} is dated ${String((entry as Record<string, unknown>).at)}, before the latest merged ${what} (${latest.raw})`,
            waivable: { change: c },
          });
        }
      }
    }
  },
};
