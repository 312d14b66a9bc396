/** Reads a repo's template overrides: every `*.hbs` under the config's `templates:` folder, by name. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { createTemplates, TemplateError, type CreateTemplatesResult } from '../core/render/templates.js';

/** The config names a template folder outside the repository. */
export class TemplateFolderError extends Error {
  override readonly name = 'TemplateFolderError';
}

export interface TemplateOverrides {
  /** Template name (path under the folder without `.hbs`, POSIX) → source. */
  templates: Record<string, string>;
  /** The folder read, or undefined when the config names none or it does not exist. */
  folder?: string;
}

/** The override folder must stay inside the repo; a missing folder means no overrides. */
export async function readTemplateOverrides(root: string, folder: string | undefined): Promise<TemplateOverrides> {
  if (!folder) return { templates: {} };
  const dir = resolve(root, folder);
  const rel = relative(resolve(root), dir);
  if (rel.startsWith('..') || resolve(rel) === rel) throw new TemplateFolderError(`config templates: ${folder} is outside the repository`);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) return { templates: {} };
  const templates: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const abs = join(d, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile() && e.name.endsWith('.hbs')) {
        templates[relative(dir, abs).split(sep).join('/').replace(/\.hbs$/, '')] = await readFile(abs, 'utf8');
      }
    }
  };
  await walk(dir);
  return { templates, folder };
}

/**
 * The built-in templates with the repo's overrides. Throws TemplateFolderError (folder outside the
 * repo) or TemplateError (an override does not parse or does not escape); callers say it their way.
 */
export async function loadTemplates(root: string, folder: string | undefined): Promise<CreateTemplatesResult> {
  const overrides = await readTemplateOverrides(root, folder);
  try {
    return createTemplates(overrides.templates);
  } catch (e) {
    if (e instanceof TemplateError) throw new TemplateError(`${e.message} (${folder}/)`, e.problems);
    throw e;
  }
}
