/**
 * `.github/CODEOWNERS` for what routes by path (DOMAIN.md, "Who owns each file"):
 * - `sitrep.config.yaml`, `ownership/teams.yaml`, `ownership/escalation.yaml` and `.github/`:
 *   the config's `admins` team (`.github/` holds this file and the workflows that enforce it);
 *   `ownership/` and `runbooks/` as a whole fall back to admins too, so a new file is never unowned;
 * - `ownership/domains/<id>.yaml`: the domain's owner team, plus its steward;
 * - `runbooks/<id>.yaml`: the runbook's owner team;
 * - each dataset's pipeline `paths`: its producer team.
 * Incident files are routed by their content (the route Action), so `/incidents/` is listed with
 * no owner: `sitrep new` never makes this file stale.
 *
 * GitHub applies the **last** matching line. Pipeline paths come first, more general before more
 * specific (sorted by the literal part before the first wildcard), so the sitrep files after them
 * always keep their owners. The matcher below implements GitHub's pattern rules; a table test keeps it honest.
 */
import type { RepoIndex } from './repo-index.js';
import { CONFIG_PATH, ESCALATION_PATH, TEAMS_PATH } from './schema/file-kinds.js';

export const CODEOWNERS_PATH = '.github/CODEOWNERS';

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  /** 1-based line in the file (parsed rules). */
  line?: number;
}

export interface GeneratedCodeowners {
  text: string;
  rules: CodeownersRule[];
  /** Things left out, with why: an unknown team, a pattern GitHub cannot read. */
  problems: string[];
}

/** Syntax of gitignore that CODEOWNERS does not support (GitHub docs). */
export function unsupportedPattern(pattern: string): string | undefined {
  if (!pattern.trim()) return 'an empty pattern';
  if (pattern.startsWith('!')) return 'negation (`!`) is not supported in CODEOWNERS';
  if (/\[|\]/.test(pattern)) return 'character ranges (`[ ]`) are not supported in CODEOWNERS';
  if (/\s/.test(pattern.replace(/\\ /g, ''))) return 'spaces must be escaped as `\\ `';
  return undefined;
}

/**
 * The literal part of a pattern before its first wildcard ('' for a pattern that matches at any
 * depth). When two patterns match the same file, both literals are prefixes of its path, so one is
 * a prefix of the other: sorting by it puts the more general pattern first and the specific one last.
 */
function literalPrefix(pattern: string): string {
  if (!pattern.replace(/\/$/, '').includes('/')) return '';
  const i = pattern.search(/[*?]/);
  return (i < 0 ? pattern : pattern.slice(0, i)).replace(/^\//, '');
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The CODEOWNERS text for the repo in `idx`. */
export function generateCodeowners(idx: RepoIndex): GeneratedCodeowners {
  const problems: string[] = [];
  const teamHandle = (id: string | undefined, what: string): string | undefined => {
    if (!id) return undefined;
    const t = idx.teams.get(id);
    if (!t) { problems.push(`${what}: team ${id} is not defined in ownership/teams.yaml`); return undefined; }
    return t.github;
  };
  const admins = teamHandle(idx.config?.admins, 'admins (sitrep.config.yaml)');
  const sections: { title: string[]; rules: CodeownersRule[] }[] = [];

  // Pipeline paths, one line per distinct pattern (producers of the same pattern share it).
  const byPattern = new Map<string, { owners: string[]; order: number }>();
  let order = 0;
  const domains = [...idx.domains.values()].sort((a, b) => a.path.localeCompare(b.path));
  for (const { domain } of domains) {
    for (const [id, e] of idx.datasets) {
      if (e.domain.id !== domain.id) continue;
      const owner = teamHandle(e.dataset.producer, `dataset ${id} (producer)`);
      for (const pattern of e.dataset.paths ?? []) {
        const bad = unsupportedPattern(pattern);
        if (bad) { problems.push(`dataset ${id}: path \`${pattern}\` left out: ${bad}`); continue; }
        const entry = byPattern.get(pattern) ?? { owners: [], order: order++ };
        if (owner && !entry.owners.includes(owner)) entry.owners.push(owner);
        byPattern.set(pattern, entry);
      }
    }
  }
  const pipeline = [...byPattern].sort(([a, x], [b, y]) => byCodeUnits(literalPrefix(a), literalPrefix(b)) || x.order - y.order)
    .filter(([, e]) => e.owners.length)
    .map(([pattern, e]) => ({ pattern, owners: e.owners }));
  if (pipeline.length) {
    sections.push({
      title: ["Pipeline code of each dataset: its producer team (ownership/domains/*.yaml, datasets[].paths).", 'More general patterns first: the last match wins.'],
      rules: pipeline,
    });
  }

  sections.push({ title: ['Incident files are routed by their content (the route Action), not by path: no owner here.'], rules: [{ pattern: '/incidents/', owners: [] }] });

  const adminOwned = admins ? [admins] : [];
  sections.push({
    title: ['The config, teams, escalation policies and GitHub settings: the admins team (sitrep.config.yaml: admins).', 'ownership/ and runbooks/ fall back to admins, so a new file is never unowned.'],
    rules: ['/.github/', '/ownership/', '/runbooks/', `/${CONFIG_PATH}`, `/${TEAMS_PATH}`, `/${ESCALATION_PATH}`].map((pattern) => ({ pattern, owners: adminOwned })),
  });

  const domainRules: CodeownersRule[] = [];
  for (const { domain, path } of domains) {
    const team = teamHandle(domain.owner, `domain ${domain.id} (owner)`);
    const owners = [team, domain.steward ? `@${domain.steward}` : undefined].filter((o): o is string => !!o);
    if (owners.length) domainRules.push({ pattern: `/${path}`, owners });
  }
  if (domainRules.length) sections.push({ title: ['Domains and their datasets: the domain owner team and its steward.'], rules: domainRules });

  const runbookRules: CodeownersRule[] = [];
  for (const [id, file] of [...idx.runbooks].sort(([a], [b]) => a.localeCompare(b))) {
    const team = teamHandle(file.data.owner, `runbook ${id} (owner)`);
    if (team) runbookRules.push({ pattern: `/${file.path}`, owners: [team] });
  }
  if (runbookRules.length) sections.push({ title: ['Runbooks: the runbook owner team.'], rules: runbookRules });

  const width = Math.max(...sections.flatMap((s) => s.rules.map((r) => r.pattern.length)));
  const lines = [
    '# Generated by `sitrep codeowners` from sitrep.config.yaml, ownership/ and runbooks/. Do not edit by hand:',
    '# change ownership or runbooks, then run `sitrep codeowners`. `sitrep codeowners --check` fails when this file is stale.',
    '# GitHub uses the last matching pattern.',
  ];
  for (const s of sections) {
    lines.push('', ...s.title.map((t) => `# ${t}`));
    for (const r of s.rules) lines.push(r.owners.length ? `${r.pattern.padEnd(width)}  ${r.owners.join(' ')}` : r.pattern);
  }
  return { text: `${lines.join('\n')}\n`, rules: sections.flatMap((s) => s.rules), problems };
}

// ---------------------------------------------------------------- matching

/** Splits a line on unescaped whitespace; drops a comment (`#` at the start of a token). */
function tokens(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) { cur += c + line[i + 1]; i++; continue; }
    if (/\s/.test(c)) { if (cur) out.push(cur); cur = ''; continue; }
    if (c === '#' && !cur) break;
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = tokens(raw);
    if (!t.length) return;
    rules.push({ pattern: t[0], owners: t.slice(1), line: i + 1 });
  });
  return rules;
}

function segmentRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\' && i + 1 < seg.length) { out += escapeRe(seg[++i]); continue; }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += escapeRe(c);
  }
  return out;
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A CODEOWNERS pattern as a test on repo-relative file paths (GitHub's rules, gitignore-like):
 * - a `/` at the start or in the middle anchors the pattern at the repo root; otherwise it
 *   matches at any depth (`*.js`, `apps/`, `logs`);
 * - a trailing `/` matches folders only (so every file below them);
 * - a pattern that names a folder also matches everything inside it (`/apps/github`);
 * - `*` matches within one path segment, and `docs/*` does not reach into `docs/sub/`;
 * - `**` matches any number of folders: `**​/logs`, `docs/**`, `a/**​/b`.
 */
export function compilePattern(pattern: string): RegExp {
  let p = pattern;
  const dirOnly = p.endsWith('/') && !p.endsWith('\\/');
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const segs = p.split('/');
  let body = '';
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    if (seg === '**') body += last ? '.+' : '(?:[^/]+/)*';
    else body += segmentRegex(seg) + (last ? '' : '/');
  });
  const lastSeg = segs[segs.length - 1];
  const suffix = lastSeg === '**' ? '' : dirOnly ? '/.+' : lastSeg === '*' ? '' : '(?:/.+)?';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}${suffix}$`);
}

/** The owners of `path`: the last rule that matches wins (no owners when none matches). */
export function ownersOf(rules: readonly CodeownersRule[], path: string): { rule?: CodeownersRule; owners: string[] } {
  const p = path.replace(/^\//, '');
  for (let i = rules.length - 1; i >= 0; i--) {
    if (compilePattern(rules[i].pattern).test(p)) return { rule: rules[i], owners: rules[i].owners };
  }
  return { owners: [] };
}
