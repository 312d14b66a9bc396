/** Turns the TypeBox sources into the draft-07 JSON Schemas committed in schemas/. */
import type { TSchema } from '@sinclair/typebox';
import { FILE_KINDS } from './file-kinds.js';
import { OUTPUT_SCHEMAS } from './outputs.js';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
export const SCHEMA_BASE_URL = 'https://sitrep.dev/schemas/';

/** Plain JSON, without TypeBox's symbol keys, with draft-07 headers. */
function publish(name: string, schema: TSchema, title: string): object {
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return { $schema: DRAFT_07, $id: `${SCHEMA_BASE_URL}${name}.schema.json`, title, ...plain };
}

/** name → JSON Schema, for every input file kind and every JSON output. */
export function publishedSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const k of FILE_KINDS) out[k.schemaName] = publish(k.schemaName, k.schema, `sitrep ${k.schemaName} file`);
  for (const [name, o] of Object.entries(OUTPUT_SCHEMAS)) out[name] = publish(name, o.schema, o.title);
  return out;
}

export function schemaFileName(name: string): string {
  return `${name}.schema.json`;
}
