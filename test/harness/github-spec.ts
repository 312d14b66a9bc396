// The contract the harness enforces: GitHub's OpenAPI description, restricted to the operations
// sitrep uses (test/fixtures/github/openapi-subset.json, written by
// scripts/extract-github-openapi.mjs). Routing and every validation come from it; nothing here
// is written from memory of the API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with an `exports.default`; NodeNext sees the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const SUBSET_PATH = fileURLToPath(new URL('../fixtures/github/openapi-subset.json', import.meta.url));
const DOC_ID = 'github';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** JSON pointer (within the spec) of the parameter's schema. */
  schemaPointer: string;
  type: string | undefined;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  /** GitHub's documentation page for the operation, which its error bodies link to. */
  docsUrl: string;
  parameters: Parameter[];
  requestBody: { required: boolean; schemaPointer: string; knownFields: Set<string> | undefined } | undefined;
  /** Declared statuses, each with the pointer of its JSON schema when it has a body. */
  responses: Map<number, string | undefined>;
  /** The path with its parameters as capture groups, in template order. */
  pattern: RegExp;
  pathParameterNames: string[];
  literalSegments: number;
}

export interface RouteMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

export interface ParameterCheck {
  /** Path and query values, converted to the types the spec gives them. */
  values: Record<string, unknown>;
  invalidPath: string[];
  invalidQuery: string[];
  unknownQuery: string[];
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * OpenAPI 3.0 writes "or null" as `nullable: true`, which JSON Schema (and ajv) spell as a
 * union with `null`. Rewriting once here keeps the committed fixture identical to GitHub's text.
 */
function toJsonSchema(value: Json): Json {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const copy: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = toJsonSchema(inner);
  if (copy.nullable !== true) return copy;
  delete copy.nullable;
  return { anyOf: [copy, { type: 'null' }] };
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const allowed = e.params && 'allowedValues' in e.params ? `: ${JSON.stringify(e.params.allowedValues)}` : '';
    return `${e.instancePath ? `${e.instancePath} ` : ''}${e.message ?? e.keyword}${allowed}`;
  });
}

function coerce(raw: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

export class GitHubSpec {
  readonly operations: Operation[];
  private readonly doc: JsonObject;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(doc: JsonObject) {
    this.doc = doc;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(toJsonSchema(doc) as object, DOC_ID);
    this.operations = this.readOperations();
  }

  static load(path: string = SUBSET_PATH): GitHubSpec {
    return new GitHubSpec(JSON.parse(readFileSync(path, 'utf8')) as JsonObject);
  }

  operation(operationId: string): Operation {
    const found = this.operations.find((op) => op.operationId === operationId);
    if (!found) throw new Error(`operation ${operationId} is not in the spec subset`);
    return found;
  }

  /** The operation for a request; templates with more literal segments are tried first. */
  match(method: string, pathname: string): RouteMatch | undefined {
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const found = operation.pattern.exec(pathname);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      operation.pathParameterNames.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(found[i + 1]!);
      });
      return { operation, pathParams };
    }
    return undefined;
  }

  checkParameters(operation: Operation, pathParams: Record<string, string>, query: URLSearchParams): ParameterCheck {
    const check: ParameterCheck = { values: {}, invalidPath: [], invalidQuery: [], unknownQuery: [] };
    for (const parameter of operation.parameters) {
      const raw = parameter.in === 'path' ? pathParams[parameter.name] : parameter.in === 'query' ? query.get(parameter.name) : undefined;
      const invalid = parameter.in === 'path' ? check.invalidPath : check.invalidQuery;
      if (raw === undefined || raw === null) {
        if (parameter.required && (parameter.in === 'path' || parameter.in === 'query')) invalid.push(`${parameter.name}: required`);
        continue;
      }
      const value = coerce(raw, parameter.type);
      const problems = this.validate(parameter.schemaPointer, value);
      if (problems.length > 0) invalid.push(`${parameter.name}=${JSON.stringify(raw)}: ${problems.join('; ')}`);
      else check.values[parameter.name] = value;
    }
    const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(query.keys())) if (!known.has(name)) check.unknownQuery.push(name);
    return check;
  }

  /** Schema problems of a request body; `undefined` means no body was sent. */
  checkBody(operation: Operation, body: unknown): { invalid: string[]; unknownFields: string[] } {
    const spec = operation.requestBody;
    if (!spec) return { invalid: body === undefined ? [] : ['this operation takes no request body'], unknownFields: [] };
    if (body === undefined) return { invalid: spec.required ? ['a request body is required'] : [], unknownFields: [] };
    const invalid = this.validate(spec.schemaPointer, body);
    // GitHub ignores fields it does not know, so a misspelt field would pass silently there.
    const unknownFields =
      spec.knownFields && body !== null && typeof body === 'object' && !Array.isArray(body)
        ? Object.keys(body).filter((key) => !spec.knownFields!.has(key))
        : [];
    return { invalid, unknownFields };
  }

  /**
   * Problems of a response body against the schema declared for its status. Statuses the spec
   * does not declare for the operation, and bodiless ones, have nothing to check.
   */
  checkResponse(operation: Operation, status: number, body: unknown): string[] {
    const pointer = operation.responses.get(status);
    if (pointer === undefined) return [];
    return this.validate(pointer, body);
  }

  private validate(pointer: string, value: unknown): string[] {
    let validator = this.validators.get(pointer);
    if (!validator) {
      validator = this.ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      this.validators.set(pointer, validator);
    }
    return validator(value) ? [] : formatErrors(validator.errors);
  }

  /** Follows a local `$ref` (the subset is self-contained) and returns the target and its pointer. */
  private deref(value: Json, pointer: string): { value: JsonObject; pointer: string } {
    const ref = (value as JsonObject).$ref;
    if (typeof ref !== 'string') return { value: value as JsonObject, pointer };
    const segments = ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: Json = this.doc;
    for (const segment of segments) target = (target as JsonObject)[segment]!;
    return this.deref(target, ref.slice(1));
  }

  private readOperations(): Operation[] {
    const operations: Operation[] = [];
    for (const [template, item] of Object.entries(this.doc.paths as JsonObject)) {
      for (const method of HTTP_METHODS) {
        const op = (item as JsonObject)[method] as JsonObject | undefined;
        if (!op) continue;
        const base = `/paths/${escapePointer(template)}/${method}`;
        operations.push(this.readOperation(template, method, op, base));
      }
    }
    return operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  private readOperation(template: string, method: string, op: JsonObject, base: string): Operation {
    const parameters = ((op.parameters ?? []) as Json[]).map((raw, i) => {
      const { value, pointer } = this.deref(raw, `${base}/parameters/${i}`);
      const schema = this.deref(value.schema as Json, `${pointer}/schema`);
      return {
        name: value.name as string,
        in: value.in as Parameter['in'],
        required: value.required === true,
        schemaPointer: schema.pointer,
        type: typeof schema.value.type === 'string' ? schema.value.type : undefined,
      };
    });

    let requestBody: Operation['requestBody'];
    if (op.requestBody) {
      const { value, pointer } = this.deref(op.requestBody, `${base}/requestBody`);
      const schemaPointer = `${pointer}/content/application~1json/schema`;
      requestBody = { required: value.required === true, schemaPointer, knownFields: this.knownFields(this.jsonSchemaAt(value)) };
    }

    const responses = new Map<number, string | undefined>();
    for (const [status, raw] of Object.entries(op.responses as JsonObject)) {
      const { value, pointer } = this.deref(raw, `${base}/responses/${status}`);
      const hasJson = (value.content as JsonObject | undefined)?.['application/json'] !== undefined;
      responses.set(Number(status), hasJson ? `${pointer}/content/application~1json/schema` : undefined);
    }

    const pathParameterNames = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
    const literalSegments = template.split('/').filter((s) => s && !s.startsWith('{')).length;
    return {
      operationId: op.operationId as string,
      method: method.toUpperCase(),
      template,
      docsUrl: ((op.externalDocs as JsonObject | undefined)?.url as string | undefined) ?? 'https://docs.github.com/rest',
      parameters,
      requestBody,
      responses,
      pattern,
      pathParameterNames,
      literalSegments,
    };
  }

  private jsonSchemaAt(requestBody: JsonObject): JsonObject {
    const schema = ((requestBody.content as JsonObject)['application/json'] as JsonObject).schema as Json;
    return this.deref(schema, '').value;
  }

  /** Top-level property names an object body may carry, across `oneOf` variants; undefined if open-ended. */
  private knownFields(schema: JsonObject): Set<string> | undefined {
    const variants = Array.isArray(schema.oneOf) ? schema.oneOf.map((v) => this.deref(v, '').value) : [schema];
    const names = new Set<string>();
    for (const variant of variants) {
      if (variant.type !== 'object') continue;
      if (!variant.properties) return undefined;
      for (const name of Object.keys(variant.properties as JsonObject)) names.add(name);
    }
    return names;
  }
}
