/** The canonical key order of a mapping, from the TypeBox schema of its file: new keys go to their place in it. */
import type { TSchema } from '@sinclair/typebox';
import type { YamlPath } from '../finding.js';

/** The object schema at `path` inside `schema` (numbers step into array items). */
function schemaAt(schema: TSchema | undefined, path: YamlPath): TSchema | undefined {
  let s: TSchema | undefined = schema;
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number') s = (s as { items?: TSchema }).items;
    else s = (s as { properties?: Record<string, TSchema> }).properties?.[seg];
  }
  return s;
}

export function keyOrderFrom(schema: TSchema): (path: YamlPath) => readonly string[] | undefined {
  return (path) => {
    const props = (schemaAt(schema, path) as { properties?: Record<string, TSchema> } | undefined)?.properties;
    return props ? Object.keys(props) : undefined;
  };
}
