/**
 * Where links go. Site pages link to each other with relative paths (so the site works under any
 * base path); standalone documents link people and teams to GitHub and name everything else.
 */
import type { RepoIndex } from '../repo-index.js';
import { safeHref } from './escape.js';

export type LinkMode = 'site' | 'document';

/** The page kinds of the site and the folder each lives in. */
export const PAGE_DIRS = { incident: 'incidents', domain: 'domains', dataset: 'datasets', team: 'teams', runbook: 'runbooks' } as const;
export type PageKind = keyof typeof PAGE_DIRS;

export interface LinkContext {
  mode: LinkMode;
  /** From the current page to the site root: '' for top-level pages, '../' one folder down. */
  base: string;
  /** The clock of the run, epoch ms. */
  now: number;
  /** Web URL of the repository (config site.repository_url), for commit and PR links. */
  repositoryUrl?: string;
  /** Absolute URL of the site (config site.url) for documents that link into it. */
  siteUrl?: string;
  /** Which pages exist (site mode): only these are linked. */
  hasPage(kind: PageKind, id: string): boolean;
  /** The team a person is linked to (their first team), and team facts. */
  teamOfLogin(login: string): string | undefined;
  team(id: string): { name: string; github?: string } | undefined;
}

/** Ids that are safe as file names: the id patterns of the schema, nothing that climbs folders. */
export function isSafeSlug(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(id) && !id.includes('..');
}

/** Site path of a page, relative to the site root. */
export function pagePath(kind: PageKind, id: string): string {
  return `${PAGE_DIRS[kind]}/${id}.html`;
}

export interface LinkContextOptions {
  mode: LinkMode;
  base?: string;
  now: number;
  /** Site pages that exist, by kind (site mode). */
  pages?: Partial<Record<PageKind, ReadonlySet<string>>>;
}

export function linkContext(idx: RepoIndex, opts: LinkContextOptions): LinkContext {
  const site = idx.config?.site;
  const repositoryUrl = safeHref(site?.repository_url)?.replace(/\/+$/, '');
  const siteUrl = safeHref(site?.url);
  return {
    mode: opts.mode,
    base: opts.base ?? '',
    now: opts.now,
    repositoryUrl,
    siteUrl,
    hasPage: (kind, id) => opts.mode === 'site' && isSafeSlug(id) && (opts.pages?.[kind]?.has(id) ?? false),
    teamOfLogin: (login) => idx.teamsOfLogin.get(login)?.[0],
    team: (id) => {
      const t = idx.teams.get(id);
      return t ? { name: typeof t.name === 'string' ? t.name : id, github: typeof t.github === 'string' ? t.github : undefined } : undefined;
    },
  };
}

/** With base '../', pages one folder down. */
export function withBase(ctx: LinkContext, base: string): LinkContext {
  return { ...ctx, base };
}

/** GitHub web URL of a person. */
export function githubUserUrl(login: string): string | undefined {
  return /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(login) ? `https://github.com/${login}` : undefined;
}

/** GitHub web URL of a team written "@org/slug". */
export function githubTeamUrl(handle: string | undefined): string | undefined {
  const m = handle ? /^@([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(handle) : null;
  return m ? `https://github.com/orgs/${m[1]}/teams/${m[2]}` : undefined;
}

/** Commit and PR URLs under the repository URL. */
export function commitUrl(ctx: LinkContext, sha: string): string | undefined {
  return ctx.repositoryUrl && /^[0-9a-f]{7,64}$/.test(sha) ? `${ctx.repositoryUrl}/commit/${sha}` : undefined;
}

export function pullUrl(ctx: LinkContext, pr: number): string | undefined {
  return ctx.repositoryUrl && Number.isInteger(pr) && pr > 0 ? `${ctx.repositoryUrl}/pull/${pr}` : undefined;
}
