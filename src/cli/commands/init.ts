import { existsSync, statSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { RefusedError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { OverlaySource } from '../../core/overlay-source.js';
import { validateRepo } from '../../core/validate.js';
import { publishedSchemas } from '../../core/schema/json-schemas.js';
import { CODEOWNERS_PATH, generateCodeowners } from '../../core/codeowners.js';
import { defaultActionsRef, parseActionsRef, scaffoldFiles } from '../../core/init/scaffold.js';
import pkg from '../../../package.json' with { type: 'json' };

/** `sitrep init`: a new incident repo in one command. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Start a new incident repo: config, ownership and runbook skeletons, schemas, workflows, CODEOWNERS, README.',
  usage: 'init [DIR] [--actions-ref OWNER/REPO@REF] [--force]',
  options: { 'actions-ref': { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.positionals.length > 1) throw new UsageError(`init takes one folder\nusage: sitrep ${this.usage}`);
    // init works on DIR (default: the current folder), not on the repo found above it.
    const dir = resolve(ctx.io.cwd, ctx.positionals[0] ?? (ctx.values.root ? String(ctx.values.root) : '.'));
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`);
    const given = stringOption(ctx, 'actions-ref');
    const actions = given ? parseActionsRef(given) : defaultActionsRef(pkg as { repository?: string | { url?: string }; version?: string });
    if (!actions) throw new UsageError(given ? `--actions-ref must look like OWNER/REPO@REF, not "${given}"` : 'no repository in package.json: pass --actions-ref OWNER/REPO@REF');

    const files = scaffoldFiles(actions, publishedSchemas());
    const check = await validateRepo(new OverlaySource(undefined, files));
    files.set(CODEOWNERS_PATH, generateCodeowners(check.idx).text);
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(`the skeleton does not validate: ${errors.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).join('; ')}`);

    const existing = [...files.keys()].filter((p) => existsSync(join(dir, p)));
    if (existing.length && !ctx.values.force) {
      throw new RefusedError(`${existing.length} file${existing.length === 1 ? '' : 's'} already exist in ${dir}; nothing was written (pass --force to overwrite)`, existing);
    }
    for (const [path, text] of files) await writeFileAtomic(join(dir, path), text);
    const rel = relative(ctx.io.cwd, dir);
    const where = rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
    ctx.io.stdout([
      `sitrep init: wrote ${files.size} files in ${where}${existing.length ? ` (overwrote ${existing.length})` : ''}`,
      `  config, ownership/ and runbooks/ skeletons, schemas/ (${Object.keys(publishedSchemas()).length}), .github/workflows using ${actions.repo}@${actions.ref}, ${CODEOWNERS_PATH}, README.md`,
      '',
      'Next:',
      '  1. Replace the example teams, domain and runbook with yours (the comments explain each field).',
      `  2. sitrep validate${where === '.' ? '' : ` --root ${where}`}      (it passes now; keep it that way)`,
      `  3. sitrep codeowners${where === '.' ? '' : ` --root ${where}`}    (after ownership changes)`,
      '  4. git init, commit, push; require the validate and gate checks of "sitrep PR checks" on main.',
      '',
    ].join('\n'));
    return 0;
  },
};
