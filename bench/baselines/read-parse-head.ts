/**
 * Floor for `sitrep metrics` (bench/sections/history.ts): read the head version of every file
 * sitrep manages and parse it with js-yaml's core schema, the parser sitrep's loader uses on its
 * fast path, in one process, one file after another. Stricter than read-parse-yaml (the `yaml`
 * package is about 5× slower), so a ratio against it is an honest one.
 *
 *   node read-parse-head.mjs <repo root>     prints { files, parsed, bytes }
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load, CORE_SCHEMA } from 'js-yaml';

const MANAGED = ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents'];

function walk(abs: string, out: string[]): void {
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(abs, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: read-parse-head <repo root>\n');
  process.exit(2);
}
const files: string[] = [];
for (const m of MANAGED) {
  const abs = join(root, m);
  const st = statSync(abs, { throwIfNoEntry: false });
  if (st?.isFile()) files.push(abs);
  else if (st?.isDirectory()) walk(abs, files);
}
files.sort();
let bytes = 0;
let parsed = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  if (load(text, { schema: CORE_SCHEMA }) !== undefined) parsed++;
}
process.stdout.write(`${JSON.stringify({ files: files.length, parsed, bytes })}\n`);
