/**
 * The `ledger` and `updates` are append-only: every entry already merged (in base) stays, unchanged
 * and in its order, and new entries go after the last merged one. An edited or moved entry is
 * reported at its line in head; a removed one at its line in base.
 */
import type { Code } from '../../diagnostic-codes.js';
import type { ChangeRule, IncidentChange, ChangeContext } from '../types.js';
import { canonical, isObj, list } from '../values.js';

export interface ListDiff {
  /** Base entries changed in place: base index, head index, and the first field that differs. */
  edited: { base: number; head: number; field?: string }[];
  /** Base entries gone from head (base indexes). */
  removed: number[];
  /** Merged entries out of their order (head indexes). */
  moved: number[];
  /** New entries placed before a merged one (head indexes). */
  inserted: number[];
  /** Every new entry: neither a merged one nor an edit of one (head indexes, inserted ones included). */
  added: number[];
}

/** Indexes (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}

function firstDifferentField(a: unknown, b: unknown): string | undefined {
  if (!isObj(a) || !isObj(b)) return undefined;
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  return keys.find((k) => canonical(a[k]) !== canonical(b[k]));
}

/** How `head` departs from append-only growth of `base`. Empty lists when it only appends. */
export function diffAppendOnly(base: readonly unknown[], head: readonly unknown[]): ListDiff {
  const out: ListDiff = { edited: [], removed: [], moved: [], inserted: [], added: [] };
  const keysB = base.map(canonical);
  const keysH = head.map(canonical);
  if (keysB.every((k, i) => keysH[i] === k)) {
    for (let i = base.length; i < head.length; i++) out.added.push(i);
    return out;
  }

  // Match each merged entry to an equal head entry: the same position first, then the earliest free one.
  const match: (number | undefined)[] = new Array(base.length).fill(undefined);
  const used = new Set<number>();
  keysB.forEach((k, j) => { if (keysH[j] === k) { match[j] = j; used.add(j); } });
  keysB.forEach((k, j) => {
    if (match[j] !== undefined) return;
    const h = keysH.findIndex((kh, i) => kh === k && !used.has(i));
    if (h >= 0) { match[j] = h; used.add(h); }
  });
  // A merged entry without an equal one is edited when its position in head holds an entry that matches nothing.
  const editedHeads = new Set<number>();
  match.forEach((m, j) => {
    if (m !== undefined) return;
    if (j < head.length && !used.has(j) && !editedHeads.has(j)) {
      editedHeads.add(j);
      out.edited.push({ base: j, head: j, field: firstDifferentField(base[j], head[j]) });
    } else out.removed.push(j);
  });
  // Merged entries out of order: those outside one longest increasing run of their head positions.
  const matched = match.map((m, j) => ({ m, j })).filter((x): x is { m: number; j: number } => x.m !== undefined);
  const keep = longestIncreasing(matched.map((x) => x.m));
  matched.forEach((x, i) => { if (!keep.has(i)) out.moved.push(x.m); });
  // New entries before the last merged one are inserted, not appended.
  const lastMerged = Math.max(-1, ...matched.map((x) => x.m), ...editedHeads);
  head.forEach((_, i) => {
    if (used.has(i) || editedHeads.has(i)) return;
    out.added.push(i);
    if (i < lastMerged) out.inserted.push(i);
  });
  out.moved.sort((a, b) => a - b);
  return out;
}

const LISTS = [
  { field: 'ledger', what: 'ledger entry', codes: { edited: 'LEDGER_EDITED', removed: 'LEDGER_REMOVED', reordered: 'LEDGER_REORDERED' } },
  { field: 'updates', what: 'stakeholder update', codes: { edited: 'UPDATES_EDITED', removed: 'UPDATES_REMOVED', reordered: 'UPDATES_REORDERED' } },
] as const satisfies readonly { field: string; what: string; codes: Record<string, Code> }[];

function checkList(ctx: ChangeContext, c: IncidentChange, spec: (typeof LISTS)[number]): void {
  const baseData = c.base?.data;
  const headData = c.head?.data;
  if (!isObj(baseData) || !isObj(headData) || !c.base || !c.head) return;
  const base = list(baseData[spec.field]);
  const head = list(headData[spec.field]);
  const d = diffAppendOnly(base, head);
  const file = c.head.path;
  const waivable = { change: c };
  for (const e of d.edited) {
    ctx.report({
      code: spec.codes.edited, file, place: { path: e.field ? [spec.field, e.head, e.field] : [spec.field, e.head] },
      message: `${spec.what} ${e.base + 1} is already merged and is changed here${e.field ? ` (\`${e.field}\`)` : ''}; ${spec.field} is append-only`,
      waivable,
    });
  }
  for (const j of d.removed) {
    ctx.report({
      code: spec.codes.removed, file: c.base.path, place: { path: [spec.field, j] }, inBase: true,
      message: `${spec.what} ${j + 1} of ${c.base.path} is already merged and is removed by this PR; ${spec.field} is append-only`,
      waivable,
    });
  }
  for (const i of d.moved) {
    ctx.report({
      code: spec.codes.reordered, file, place: { path: [spec.field, i] },
      message: `${spec.what} ${i + 1} is already merged and is moved out of its order; ${spec.field} is append-only`,
      waivable,
    });
  }
  for (const i of d.inserted) {
    ctx.report({
      code: spec.codes.reordered, file, place: { path: [spec.field, i] },
      message: `new ${spec.what} ${i + 1} is inserted before entries already merged; append it at the end`,
      waivable,
    });
  }
}

export const appendOnly: ChangeRule = {
  name: 'append-only',
  run(ctx) {
    for (const c of ctx.changes) for (const spec of LISTS) checkList(ctx, c, spec);
  },
};
