/** Generated output (sites, rendered documents) never goes into the repo's own source files. */
import { relative, resolve, sep } from 'node:path';
import { MANAGED_ROOTS } from '../core/schema/file-kinds.js';

/**
 * Why `abs` must not receive output: it is the repository root, or it overlaps a source folder
 * (incidents/, ownership/, runbooks/, the config, the template folder). Undefined when it is fine.
 */
export function sourceOverlap(root: string, abs: string, templatesFolder?: string): string | undefined {
  const r = resolve(root);
  if (abs === r) return `will not write to ${abs}: it is the repository root; choose another path`;
  const sources = [...MANAGED_ROOTS, ...(templatesFolder ? [templatesFolder] : [])].map((p) => resolve(r, p));
  const hit = sources.find((s) => abs === s || abs.startsWith(`${s}${sep}`) || s.startsWith(`${abs}${sep}`));
  return hit ? `will not write to ${abs}: it overlaps the source folder ${relative(r, hit) || hit}; choose another path` : undefined;
}
