/** Phase one of validation: each file against its schema (ajv), as findings at exact paths. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import addFormatsModule from 'ajv-formats';
import { FILE_KINDS, type FileKind } from './schema/file-kinds.js';
import { ISO_DURATION_PATTERN } from './schema/common.js';
import { at, formatPath, type Finding, type YamlPath } from './finding.js';
import { didYouMean } from './nearest.js';
import type { Code } from './diagnostic-codes.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;

let ajv: Ajv | undefined;
const validators = new Map<FileKind, ValidateFunction>();

/** Compiled on first use, per kind: a command that reads two kinds compiles two schemas. */
function validatorFor(kind: FileKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
      addFormats(ajv);
    }
    v = ajv.compile(FILE_KINDS.find((k) => k.kind === kind)!.schema);
    validators.set(kind, v);
  }
  return v;
}

const itemValidators = new Map<TSchema, ValidateFunction>();

/** Whether one entity (a team, a dataset, a policy…) fits its schema: used to salvage the good parts of a broken file. */
export function fitsSchema(schema: TSchema, value: unknown): boolean {
  let v = itemValidators.get(schema);
  if (!v) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    v = ajv.compile(schema);
    itemValidators.set(schema, v);
  }
  return v(value) as boolean;
}

export function checkStructure(kind: FileKind, file: string, data: unknown): Finding[] {
  const validate = validatorFor(kind);
  if (validate(data)) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const err of validate.errors ?? []) {
    const f = toFinding(file, err);
    const key = `${f.code}|${formatPath((f.place as { path: YamlPath }).path)}|${f.message}`;
    if (!seen.has(key)) { seen.add(key); findings.push(f); }
  }
  return findings;
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => {
    const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(seg) ? Number(seg) : seg;
  });
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function toFinding(file: string, err: ErrorObject): Finding {
  const path = pathOf(err.instancePath);
  const where = formatPath(path);
  const schema = (err.parentSchema ?? {}) as { description?: string; examples?: unknown[]; properties?: Record<string, unknown>; pattern?: string };
  const example = schema.examples?.length ? `for example ${schema.examples.map((e) => JSON.stringify(e)).join(', ')}` : undefined;
  const make = (code: Code, p: YamlPath, message: string, hint?: string, target?: 'key' | 'value') => at(code, file, p, message, hint, target);

  switch (err.keyword) {
    case 'additionalProperties': {
      const name = String(err.params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const dym = didYouMean(name, known);
      return make('SCHEMA_UNKNOWN_FIELD', [...path, name], `unknown field \`${name}\` in ${where}`,
        dym ?? `known fields here: ${known.join(', ')}`, 'key');
    }
    case 'required': {
      const missing = String(err.params.missingProperty);
      const propSchema = (schema.properties?.[missing] ?? {}) as { description?: string };
      return make('SCHEMA_REQUIRED', path, `${where} is missing the required field \`${missing}\``,
        propSchema.description ? `Add \`${missing}\`: ${propSchema.description}` : `Add \`${missing}\`.`, 'key');
    }
    case 'type':
      return make('SCHEMA_TYPE', path, `${where} must be ${article(String(err.params.type))}, found ${show(err.data)}`, schema.description);
    case 'format': {
      const fmt = String(err.params.format);
      const code: Code = fmt === 'date-time' ? 'SCHEMA_TIMESTAMP' : fmt === 'date' ? 'SCHEMA_DATE' : 'SCHEMA_PATTERN';
      return make(code, path, `${where} must be a valid ${fmt}, found ${show(err.data)}`, example);
    }
    case 'pattern': {
      const code: Code = schema.pattern === ISO_DURATION_PATTERN ? 'SCHEMA_DURATION' : 'SCHEMA_PATTERN';
      const what = code === 'SCHEMA_DURATION' ? 'an ISO-8601 duration' : `of the form ${schema.pattern}`;
      return make(code, path, `${where} must be ${what}, found ${show(err.data)}`, example ?? schema.description);
    }
    case 'enum':
    case 'const': {
      const allowed = (err.keyword === 'enum' ? (err.params.allowedValues as unknown[]) : [err.params.allowedValue]).map(String);
      const dym = typeof err.data === 'string' ? didYouMean(err.data, allowed) : undefined;
      return make('SCHEMA_ENUM', path, `${where} must be one of ${allowed.join(', ')}, found ${show(err.data)}`, dym);
    }
    default:
      return make('SCHEMA_VALUE', path, `${where} ${err.message ?? 'is not valid'}${err.data !== undefined && typeof err.data !== 'object' ? `, found ${show(err.data)}` : ''}`, schema.description);
  }
}

function article(type: string): string {
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
