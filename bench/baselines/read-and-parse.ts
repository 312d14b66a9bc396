/**
 * The read+parse floor both baselines share: read every file sitrep manages (MANAGED_ROOTS in
 * src/core/schema/file-kinds.ts), in one process, one file after another, and parse it with the
 * given parser. Prints { files, parsed, bytes }.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MANAGED = ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents'];

function walk(abs: string, out: string[]): void {
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(abs, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

export function readAndParse(name: string, parse: (text: string) => unknown): void {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write(`usage: ${name} <repo root>\n`);
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
    if (parse(text) !== undefined) parsed++;
  }
  process.stdout.write(`${JSON.stringify({ files: files.length, parsed, bytes })}\n`);
}
