/** A private copy of the repo's own sample incident repo, to break or change in a test. */
import { cpSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const SAMPLE_PARTS = ['sitrep.config.yaml', 'ownership', 'runbooks', 'incidents'] as const;

export interface SampleCopy {
  dir: string;
  read(path: string): string;
  write(path: string, content: string | Buffer): void;
  /** Replaces the first occurrence of `from` in a file; fails loudly when it is not there. */
  replace(path: string, from: string | RegExp, to: string): void;
  cleanup(): void;
}

export function copySample(): SampleCopy {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-sample-'));
  for (const part of SAMPLE_PARTS) cpSync(join(REPO_ROOT, part), join(dir, part), { recursive: true });
  return {
    dir,
    read: (p) => readFileSync(join(dir, p), 'utf8'),
    write: (p, c) => writeFileSync(join(dir, p), c),
    replace(p, from, to) {
      const before = readFileSync(join(dir, p), 'utf8');
      const after = before.replace(from, to);
      if (after === before) throw new Error(`sample ${p} does not contain ${String(from)}`);
      writeFileSync(join(dir, p), after);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** 1-based line of the first line matching `re` in `text`. */
export function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}
