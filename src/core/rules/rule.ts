/** Phase two of validation: small named rules over the whole model. */
import type { Finding } from '../finding.js';
import type { RepoIndex } from '../repo-index.js';
import type { Located } from '../model.js';
import type { Incident } from '../schema/incident.js';

export interface RuleContext {
  idx: RepoIndex;
  report(f: Finding): void;
}

export interface Rule {
  name: string;
  run(ctx: RuleContext): void;
}

/** Incidents that passed structure validation: the ones per-incident rules look at. */
export function validIncidents(ctx: RuleContext): Located<Incident>[] {
  return ctx.idx.model.incidents.filter((i) => i.valid);
}
