/** Writes schemas/*.schema.json from the TypeBox sources (npm run schemas). test/schemas.test.ts fails when they drift. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { publishedSchemas, schemaFileName } from '../src/core/schema/json-schemas.js';

mkdirSync('schemas', { recursive: true });
for (const [name, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(`schemas/${schemaFileName(name)}`, `${JSON.stringify(schema, null, 2)}\n`);
}
