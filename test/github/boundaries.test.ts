// src/github is the adapter to GitHub's API only: the Actions depend on it, never the reverse,
// and Octokit stays behind the port.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/github/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

it('src/github imports nothing from src/actions or @actions/*', () => {
  const offending = sources(root).flatMap((file) =>
    imports(file)
      .filter((spec) => spec.startsWith('@actions/') || /(^|\/)actions\//.test(spec))
      .map((spec) => `${relative(root, file)} → ${spec}`),
  );
  expect(offending).toEqual([]);
});

it('the port itself imports no Octokit types', () => {
  expect(imports(join(root, 'port.ts'))).toEqual([]);
  expect(imports(join(root, 'errors.ts'))).toEqual([]);
});
