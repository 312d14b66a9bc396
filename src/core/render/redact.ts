/**
 * Text for an external audience: internal names out. People's logins, team ids, names and GitHub
 * handles, executives, dataset ids, the incident channel, e-mail addresses and any `@mention`
 * become "[internal]". Applied on top of escaping, to the only free text an external update shows
 * (updates written for the external audience).
 */
import type { RepoIndex } from '../repo-index.js';
import type { Incident } from '../schema/incident.js';

export const REDACTED = '[internal]';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function internalNames(idx: RepoIndex, inc?: Incident): string[] {
  const names = new Set<string>();
  const add = (s: unknown) => { if (typeof s === 'string' && s.trim().length >= 2) names.add(s.trim()); };
  for (const login of idx.teamsOfLogin.keys()) add(login);
  for (const [id, t] of idx.teams) { add(id); add(t.name); add(t.github); }
  for (const e of idx.executives.values()) { add(e.login); add(e.name); add(e.id); }
  for (const id of idx.datasets.keys()) add(id);
  if (inc) {
    add(inc.channel);
    for (const v of Object.values(inc.roles ?? {})) add(v);
    for (const d of inc.datasets ?? []) add(d);
  }
  // Longest first, so "orders-data-platform" is replaced whole before "orders-data".
  return [...names].sort((a, b) => b.length - a.length);
}

export function redactor(idx: RepoIndex, inc?: Incident): (text: string) => string {
  const names = internalNames(idx, inc);
  const byName = names.length
    ? new RegExp(`(?<![A-Za-z0-9_])(?:${names.map(escapeRe).join('|')})(?![A-Za-z0-9_-])`, 'gi')
    : undefined;
  return (text: string) => {
    let s = text
      .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, REDACTED)
      .replace(/@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?/g, REDACTED)
      .replace(/(^|\s)#[a-z0-9][a-z0-9_-]*/gi, `$1${REDACTED}`);
    if (byName) s = s.replace(byName, REDACTED);
    return s;
  };
}
