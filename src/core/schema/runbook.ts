/** runbooks/<id>.yaml: how to respond, stage by stage, and what evidence each stage must leave in the ledger. */
import { type Static } from '@sinclair/typebox';
import {
  Bool, DatasetRef, DomainRef, LedgerKindSchema, List, Obj, Opt, RUNBOOK_STAGES, RunbookRef, Str, TaxonomyRef, TeamRef, Text,
} from './common.js';

const Step = Obj(
  {
    action: Text({ description: 'What to do.' }),
    role: Str({ description: 'Who does it: owner, producer, platform, comms, verifier, ...' }),
    reversible: Opt(Bool({ description: 'Whether the step can be undone.' })),
    rollback: Opt(Text({ description: 'How to undo it, for reversible steps.' })),
  },
  { description: 'One step.' },
);

const StageSchema = Obj(
  {
    steps: List(Step, { description: 'Steps of the stage, in order.' }),
    evidence: Opt(List(LedgerKindSchema('A ledger kind.'), { description: 'Ledger entry kinds that must exist when the incident leaves this stage.' })),
    exit_criteria: Opt(List(Text({ description: 'A criterion.' }), { description: 'What must be true to leave the stage.' })),
  },
  { description: 'One stage of the response.' },
);

export const RunbookSchema = Obj(
  {
    id: RunbookRef('Runbook id; must match the file name.'),
    title: Str({ description: 'Title of the runbook.' }),
    owner: TeamRef('Team that owns and reviews this runbook.'),
    description: Opt(Text({ description: 'When to use it.' })),
    applies_to: Obj(
      {
        symptoms: Opt(List(TaxonomyRef('A symptom id.'), { description: 'Symptoms it applies to.' })),
        domains: Opt(List(DomainRef('A domain id.'), { description: 'Domains it applies to (empty: all).' })),
        datasets: Opt(List(DatasetRef('A dataset id.'), { description: 'Datasets it applies to (empty: all in its domains).' })),
      },
      { description: 'Which incidents this runbook is for; `sitrep new` picks the runbook from it.' },
    ),
    stages: Obj(
      {
        triage: Opt(StageSchema),
        containment: Opt(StageSchema),
        root_cause: Opt(StageSchema),
        remediation: Opt(StageSchema),
        verification: Opt(StageSchema),
        closure: Opt(StageSchema),
      },
      { description: `Stages, in order: ${RUNBOOK_STAGES.join(', ')}.` },
    ),
  },
  { description: 'A runbook.' },
);
export type Runbook = Static<typeof RunbookSchema>;
