/**
 * Building blocks shared by every file schema. The schemas written with TypeBox are
 * the one source of truth: they give the TypeScript types (Static<>), the ajv
 * validators, and the draft-07 JSON Schemas in schemas/ that editors use.
 */
import { Type, type TSchema, type SchemaOptions } from '@sinclair/typebox';

export const ISO_DURATION_PATTERN = '^P(?=\\d|T\\d)(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$';

/** Every field carries a description so yaml-language-server can explain it. */
type Described = SchemaOptions & { description: string };

export const Str = (o: Described & { minLength?: number; maxLength?: number; pattern?: string }) =>
  Type.String({ minLength: 1, ...o });
export const Text = (o: Described) => Type.String({ minLength: 1, maxLength: 20_000, ...o });
export const Bool = (o: Described) => Type.Boolean(o);
export const Int = (o: Described & { minimum?: number; maximum?: number }) => Type.Integer(o);
export const List = <T extends TSchema>(item: T, o: Described & { minItems?: number; uniqueItems?: boolean }) =>
  Type.Array(item, o);
export const Obj = <P extends Parameters<typeof Type.Object>[0]>(props: P, o: Described) =>
  Type.Object(props, { additionalProperties: false, ...o });
export const Opt = Type.Optional;
/** A plain `enum` (not anyOf of consts) so ajv reports one clear error. */
export const StrEnum = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

export const Timestamp = (description: string) =>
  Type.String({ format: 'date-time', description, examples: ['2025-08-03T06:12:00Z'] });
export const DateOnly = (description: string) =>
  Type.String({ format: 'date', description, examples: ['2025-08-10'] });
export const Duration = (description: string) =>
  Type.String({ pattern: ISO_DURATION_PATTERN, description, examples: ['PT30M', 'PT4H', 'P2D'] });
export const Url = (description: string) => Type.String({ format: 'uri', description });

export const TeamRef = (description: string) =>
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description, examples: ['orders-data'] });
export const Login = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$', description, examples: ['alice'] });
export const DatasetRef = (description: string) =>
  Type.String({ pattern: '^[a-z0-9_]+\\.[a-z0-9_]+$', description, examples: ['orders.fct_orders'] });
export const DomainRef = (description: string) =>
  Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$', description, examples: ['orders'] });
export const RunbookRef = (description: string) =>
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description, examples: ['freshness-late-partition'] });
export const IncidentRef = (description: string) =>
  Type.String({ pattern: '^[A-Z]+-\\d{4}-\\d{4,}$', description, examples: ['INC-2025-0042'] });
export const TaxonomyRef = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', description });
export const EscalationTarget = (description: string) =>
  Type.String({
    pattern: '^(oncall|team|user|exec|vendor):[A-Za-z0-9][A-Za-z0-9._-]*$',
    description,
    examples: ['oncall:orders-data', 'team:platform', 'user:alice', 'exec:vp-data', 'vendor:snowflake'],
  });

/** The six stages of a runbook, in order. Ledger evidence is checked when a stage ends. */
export const RUNBOOK_STAGES = ['triage', 'containment', 'root_cause', 'remediation', 'verification', 'closure'] as const;
export type RunbookStage = (typeof RUNBOOK_STAGES)[number];
export const Stage = (description: string) => StrEnum(RUNBOOK_STAGES, description);

export const LEDGER_KINDS = ['hypothesis', 'evidence', 'change', 'decision', 'note'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LedgerKindSchema = (description: string) => StrEnum(LEDGER_KINDS, description);
