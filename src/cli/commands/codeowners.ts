import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { RefusedError } from '../errors.js';
import { FsSource } from '../../io/fs-source.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { loadRepo } from '../../core/load.js';
import { buildIndex } from '../../core/repo-index.js';
import { CODEOWNERS_PATH, generateCodeowners } from '../../core/codeowners.js';

/** `sitrep codeowners`: generate .github/CODEOWNERS from ownership and runbooks, or check it. */
export const codeownersCommand: Command = {
  name: 'codeowners',
  summary: 'Generate .github/CODEOWNERS from ownership/ and runbooks/; --check fails when the committed file is stale.',
  usage: 'codeowners [--check] [--root DIR]',
  options: { check: { type: 'boolean' } },
  async run(ctx) {
    const { model } = await loadRepo(new FsSource(ctx.root));
    if (!model.config) throw new RefusedError(`no sitrep.config.yaml in ${ctx.root}`, ['Run it inside an incident repo, or pass --root DIR.']);
    const gen = generateCodeowners(buildIndex(model));
    for (const p of gen.problems) ctx.io.stderr(`warning: ${p}\n`);
    const file = join(ctx.root, CODEOWNERS_PATH);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (ctx.values.check) {
      if (current === gen.text) {
        ctx.io.stdout(`${CODEOWNERS_PATH} is up to date (${gen.rules.length} patterns)\n`);
        return 0;
      }
      throw new RefusedError(current === undefined
        ? `${CODEOWNERS_PATH} is missing; run \`sitrep codeowners\` and commit it`
        : `${CODEOWNERS_PATH} is stale; run \`sitrep codeowners\` and commit the result`, lineDiff(current ?? '', gen.text));
    }
    if (current === gen.text) {
      ctx.io.stdout(`${CODEOWNERS_PATH} is up to date (${gen.rules.length} patterns)\n`);
      return 0;
    }
    await writeFileAtomic(file, gen.text);
    ctx.io.stdout(`wrote ${CODEOWNERS_PATH} (${gen.rules.length} patterns)\n`);
    return 0;
  },
};

/** The lines only in one of the two texts, as `- old` / `+ new` (at most 20). */
function lineDiff(a: string, b: string): string[] {
  const as = a.split('\n').filter((l) => l && !l.startsWith('#'));
  const bs = b.split('\n').filter((l) => l && !l.startsWith('#'));
  const norm = (l: string) => l.trim().replace(/\s+/g, ' ');
  const inA = new Set(as.map(norm));
  const inB = new Set(bs.map(norm));
  const out = [...as.filter((l) => !inB.has(norm(l))).map((l) => `- ${norm(l)}`), ...bs.filter((l) => !inA.has(norm(l))).map((l) => `+ ${norm(l)}`)];
  if (!out.length) out.push('(only comments, spacing or order differ)');
  return out.length > 20 ? [...out.slice(0, 20), `… and ${out.length - 20} more`] : out;
}
