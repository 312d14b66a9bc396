/** The rules `validate` runs, in order. Each is small and named; add new ones here. */
import type { Rule } from './rule.js';
import { identity } from './identity.js';
import { incidentReferences } from './incident-references.js';
import { ownershipReferences } from './ownership-references.js';
import { timestamps } from './timestamps.js';
import { statusRequirements } from './status-requirements.js';
import { reversibleMitigations } from './mitigations.js';
import { escalationOrder } from './escalation-order.js';
import { lineage } from './lineage.js';

export const RULES: readonly Rule[] = [
  identity, ownershipReferences, incidentReferences, timestamps, statusRequirements, reversibleMitigations, escalationOrder, lineage,
];
