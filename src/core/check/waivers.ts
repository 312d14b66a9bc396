/**
 * Waivers are claims, like sign-offs. A finding of a change rule is waived by a waiver in the head
 * version of its incident whose `rule` is the finding's code and, for a finding tied to statuses
 * (a skip, missing stage evidence), whose `stage` names one of them. A skip's waiver must name
 * the skipped status. Every waiver the PR adds or uses must be well formed, and is listed in
 * `waivers_required` for the gate Action, which checks the approver's approval.
 */
import { CODES, type Code } from '../diagnostic-codes.js';
import type { Finding } from '../finding.js';
import { isKnownLogin, type RepoIndex } from '../repo-index.js';
import type { CheckFinding, IncidentChange, WaiverRequired } from './types.js';
import { addedEntries, isObj, list } from './values.js';

/** Codes a waiver may name: the change rules' findings in an incident file. */
export const WAIVABLE_CODES: ReadonlySet<Code> = new Set<Code>([
  'LIFECYCLE_SKIP', 'LIFECYCLE_REOPEN', 'STAGE_EVIDENCE',
  'LEDGER_EDITED', 'LEDGER_REMOVED', 'LEDGER_REORDERED', 'UPDATES_EDITED', 'UPDATES_REMOVED', 'UPDATES_REORDERED',
  'CLOSED_FROZEN', 'DATED_FUTURE', 'DATED_BEFORE_MERGED', 'ROLLUP_MISSING', 'INCIDENT_RENAMED',
]);

interface WaiverEntry { rule?: unknown; stage?: unknown; reason?: unknown; approved_by?: unknown }

function headWaivers(c: IncidentChange): WaiverEntry[] {
  return list<WaiverEntry>(isObj(c.head?.data) ? c.head!.data.waivers : undefined);
}

function waives(w: WaiverEntry, f: CheckFinding): boolean {
  if (!isObj(w) || w.rule !== f.code || !f.waivable) return false;
  const { stages, needsStage } = f.waivable;
  if (typeof w.stage !== 'string') return !needsStage;
  return !stages || (stages as readonly string[]).includes(w.stage);
}

export interface WaiverOutcome {
  /** Findings that no waiver waives, plus WAIVER_CLAIM findings. */
  findings: Finding[];
  required: WaiverRequired[];
}

export function applyWaivers(findings: readonly CheckFinding[], changes: readonly IncidentChange[], base: RepoIndex): WaiverOutcome {
  const used = new Map<IncidentChange, Set<number>>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const c = f.waivable?.change;
    const i = c ? headWaivers(c).findIndex((w) => waives(w, f)) : -1;
    if (c && i >= 0) {
      const set = used.get(c) ?? new Set<number>();
      set.add(i);
      used.set(c, set);
    } else {
      const { waivable: _, ...plain } = f;
      kept.push(plain);
    }
  }

  const required: WaiverRequired[] = [];
  for (const c of changes) {
    if (!c.head) continue;
    const waivers = headWaivers(c);
    const baseWaivers = list(isObj(c.base?.data) ? c.base!.data.waivers : undefined);
    const added = new Set(addedEntries(baseWaivers, waivers).map((a) => a.index));
    const usedHere = used.get(c) ?? new Set<number>();
    waivers.forEach((w, i) => {
      if (!added.has(i) && !usedHere.has(i)) return;
      if (!isObj(w)) return;
      const file = c.head!.path;
      const claim = (path: (string | number)[], message: string, hint?: string) =>
        kept.push({ code: 'WAIVER_CLAIM', file, place: { path: ['waivers', i, ...path] }, message, ...(hint ? { hint } : {}) });
      const rule = typeof w.rule === 'string' ? w.rule : '';
      if (!(rule in CODES)) claim(['rule'], `waiver ${i + 1} names rule \`${rule}\`, which is not a diagnostic code`, 'Name the code the waiver is for, e.g. LIFECYCLE_SKIP (docs/diagnostics.md).');
      else if (!WAIVABLE_CODES.has(rule as Code)) claim(['rule'], `waiver ${i + 1} names rule ${rule}, which cannot be waived`, `Waivable codes: ${[...WAIVABLE_CODES].join(', ')}.`);
      else if (rule === 'LIFECYCLE_SKIP' && typeof w.stage !== 'string') claim([], `waiver ${i + 1} waives a skip but names no \`stage\``, 'Set stage to the skipped status.');
      const by = typeof w.approved_by === 'string' ? w.approved_by : '';
      if (!by) claim([], `waiver ${i + 1} has no \`approved_by\``);
      else if (!isKnownLogin(base, by)) claim(['approved_by'], `waiver ${i + 1} is approved by ${by}, who is not a member or lead of any team (nor an executive) in the base ownership`, 'The approver must be known before this PR.');
      required.push({
        incident: c.id, file, rule, stage: typeof w.stage === 'string' ? w.stage : null, approved_by: by,
        added: added.has(i), used: usedHere.has(i),
      });
    });
  }
  return { findings: kept, required };
}
