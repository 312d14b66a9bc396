/** The change rules `check` runs on a PR's base → head, in order. Each is small and named. */
import type { ChangeRule } from '../types.js';
import { incidentFiles } from './incident-files.js';
import { lifecycleTransition } from './lifecycle-transition.js';
import { transitionRequirements } from './transition-requirements.js';
import { stageEvidence } from './stage-evidence.js';
import { appendOnly } from './append-only.js';
import { closedFrozen } from './closed-frozen.js';
import { dating } from './dating.js';
import { rollup } from './rollup.js';
import { ownershipInUse } from './ownership-in-use.js';
import { signoffClaims } from './signoff-claims.js';
import { timeboxOverruns } from './timebox-overruns.js';

export const CHANGE_RULES: readonly ChangeRule[] = [
  incidentFiles, lifecycleTransition, transitionRequirements, stageEvidence, appendOnly, closedFrozen, dating, rollup,
  ownershipInUse, signoffClaims, timeboxOverruns,
];
