/**
 * Template helpers: dates in UTC, durations, and links to people, teams and pages from ownership.
 * Every helper escapes what it emits for its flavour (markdown or HTML); helpers that build
 * markup return a SafeString so the escaping `{{ }}` leaves it as it is. Documented in docs/templates.md.
 */
import type Handlebars from 'handlebars';
import { escapeHtml, escapeMarkdown, jsonForScript, markdownLink, safeHref } from './escape.js';
import { parseDuration, parseInstant, formatDuration, toIso } from '../time.js';
import { TrustedSvg } from './site/charts.js';
import { commitUrl, githubTeamUrl, githubUserUrl, pagePath, pullUrl, type LinkContext, type PageKind } from './links.js';

export type Flavour = 'md' | 'html';

interface HelperOptions { data?: { sitrep?: LinkContext; root?: unknown }; hash?: Record<string, unknown> }

const NONE = '—';

function ctxOf(options: HelperOptions): LinkContext {
  const ctx = options?.data?.sitrep;
  if (!ctx) throw new Error('template rendered without a link context');
  return ctx;
}

/** Helpers get their options object last; drop it. */
function args(list: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: list.slice(0, -1), options: list[list.length - 1] as HelperOptions };
}

function instant(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v instanceof Date) return v.getTime();
  return parseInstant(v);
}

const UTC_MINUTE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z$/;

/** "2025-08-03 06:12 UTC" */
export function formatDate(v: unknown): string {
  // A UTC timestamp (what the files and the timeline hold) needs no parsing: the common case, fast.
  if (typeof v === 'string' && UTC_MINUTE.test(v)) return `${v.slice(0, 10)} ${v.slice(11, 16)} UTC`;
  const t = instant(v);
  return t === undefined ? NONE : `${toIso(t).slice(0, 16).replace('T', ' ')} UTC`;
}

function durationMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') return parseDuration(v);
  return undefined;
}

export function registerHelpers(env: typeof Handlebars, flavour: Flavour): void {
  const safe = (s: string) => new env.SafeString(s);
  const esc = flavour === 'md' ? escapeMarkdown : escapeHtml;
  const text = (s: string) => safe(esc(s));

  /** A link with escaped text. `internal` hrefs are relative site paths (html only); others must be safe absolute URLs. */
  const link = (href: string | undefined, label: string, opts: { internal?: boolean; cls?: string } = {}) => {
    if (flavour === 'md') return safe(href && !opts.internal ? markdownLink(label, href) : escapeMarkdown(label));
    const target = opts.internal ? href : safeHref(href);
    if (!target) return safe(escapeHtml(label));
    return safe(`<a href="${escapeHtml(target)}"${opts.cls ? ` class="${escapeHtml(opts.cls)}"` : ''}>${escapeHtml(label)}</a>`);
  };

  /** A page of the site: relative in site pages, absolute (site.url) in documents, plain text otherwise. */
  const pageLink = (ctx: LinkContext, kind: PageKind, id: string, label: string, anchor = '') => {
    if (ctx.mode === 'site' && flavour === 'html') {
      return ctx.hasPage(kind, id) ? link(`${ctx.base}${pagePath(kind, id)}${anchor}`, label, { internal: true }) : text(label);
    }
    if (ctx.siteUrl && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return link(`${ctx.siteUrl.replace(/\/?$/, '/')}${pagePath(kind, id)}${anchor}`, label);
    return text(label);
  };

  const h: Record<string, (...a: unknown[]) => unknown> = {
    /** {{date at}} → 2025-08-03 06:12 UTC */
    date: (...a) => formatDate(args(a).values[0]),
    /** {{day at}} → 2025-08-03 */
    day: (...a) => {
      const t = instant(args(a).values[0]);
      return t === undefined ? NONE : toIso(t).slice(0, 10);
    },
    /** {{iso at}} → 2025-08-03T06:12:00Z */
    iso: (...a) => {
      const t = instant(args(a).values[0]);
      return t === undefined ? '' : toIso(t);
    },
    /** {{duration ms}} or {{duration "PT1H30M"}} → 1h 30m */
    duration: (...a) => {
      const ms = durationMs(args(a).values[0]);
      return ms === undefined ? NONE : formatDuration(ms);
    },
    /** {{seconds s}} → a duration given in seconds (the metrics JSON's unit). */
    seconds: (...a) => {
      const v = args(a).values[0];
      return typeof v === 'number' && Number.isFinite(v) ? formatDuration(v * 1000) : NONE;
    },
    /** {{between from to}} → the time from one instant to the other. */
    between: (...a) => {
      const [from, to] = args(a).values.map(instant);
      return from === undefined || to === undefined ? NONE : formatDuration(to - from);
    },
    /** {{age at}} → how long ago, from the run's clock. */
    age: (...a) => {
      const { values, options } = args(a);
      const t = instant(values[0]);
      return t === undefined ? NONE : formatDuration(ctxOf(options).now - t);
    },
    /** {{relative at}} → "in 1h 05m" or "3h 10m ago". */
    relative: (...a) => {
      const { values, options } = args(a);
      const t = instant(values[0]);
      if (t === undefined) return NONE;
      const d = t - ctxOf(options).now;
      return d >= 0 ? `in ${formatDuration(d)}` : `${formatDuration(-d)} ago`;
    },
    /** {{person login}}: site → the person on their team page; markdown → their GitHub profile (no @, so no ping). */
    person: (...a) => {
      const { values, options } = args(a);
      const login = values[0];
      if (typeof login !== 'string' || !login) return NONE;
      const ctx = ctxOf(options);
      const team = ctx.teamOfLogin(login);
      if (ctx.mode === 'site' && flavour === 'html' && team) return pageLink(ctx, 'team', team, login, `#person-${login}`);
      return link(githubUserUrl(login), login);
    },
    /** {{team id}}: the team's name, linked to its page (site) or its GitHub team (documents). */
    team: (...a) => {
      const { values, options } = args(a);
      const id = values[0];
      if (typeof id !== 'string' || !id) return NONE;
      const ctx = ctxOf(options);
      const t = ctx.team(id);
      const label = t?.name ?? id;
      if (ctx.mode === 'site' && flavour === 'html') return pageLink(ctx, 'team', id, label);
      return link(githubTeamUrl(t?.github), label);
    },
    dataset: (...a) => pageHelper('dataset', a),
    domain: (...a) => pageHelper('domain', a),
    runbook: (...a) => pageHelper('runbook', a),
    incident: (...a) => pageHelper('incident', a),
    /** {{link url "text"}}: a link only for http(s) and mailto URLs; otherwise the text. */
    link: (...a) => {
      const { values } = args(a);
      const url = values[0];
      const label = values[1] === undefined || typeof values[1] === 'object' ? String(url ?? '') : String(values[1]);
      return link(typeof url === 'string' ? url : undefined, label);
    },
    /** {{commit sha pr}}: short sha (and PR) linked to the repository (config site.repository_url). */
    commit: (...a) => {
      const { values, options } = args(a);
      const [sha, pr] = values;
      if (typeof sha !== 'string' || !sha) return '';
      const ctx = ctxOf(options);
      const c = link(commitUrl(ctx, sha), sha.slice(0, 7));
      if (typeof pr !== 'number') return c;
      return safe(`${c.toHTML()} ${link(pullUrl(ctx, pr), `#${pr}`).toHTML()}`);
    },
    eq: (...a) => { const [x, y] = args(a).values; return x === y; },
    ne: (...a) => { const [x, y] = args(a).values; return x !== y; },
    not: (...a) => !args(a).values[0],
    and: (...a) => args(a).values.every(Boolean),
    or: (...a) => args(a).values.some(Boolean),
    gt: (...a) => { const [x, y] = args(a).values; return Number(x) > Number(y); },
    /** {{join list ", "}} */
    join: (...a) => {
      const [list, sep] = args(a).values;
      return Array.isArray(list) ? list.map((x) => String(x)).join(typeof sep === 'string' ? sep : ', ') : '';
    },
    /** {{len list}}: the number of items. */
    len: (...a) => { const [list] = args(a).values; return Array.isArray(list) ? list.length : 0; },
    /** {{pct 0.85}} → 85% */
    pct: (...a) => {
      const v = args(a).values[0];
      return typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 1000) / 10}%` : NONE;
    },
    /** {{plural n "incident"}} → "1 incident", "3 incidents" */
    plural: (...a) => {
      const [n, word] = args(a).values;
      const w = String(word);
      const many = /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`;
      return `${Number(n)} ${Number(n) === 1 ? w : many}`;
    },
    /** {{default value "—"}} */
    default: (...a) => { const [v, d] = args(a).values; return v === undefined || v === null || v === '' ? d : v; },
  };
  if (flavour === 'html') {
    /** {{json value}}: for `<script type="application/json">` only; `</script>` cannot break out. */
    h.json = (...a) => safe(jsonForScript(args(a).values[0]));
    /** {{svg chart}}: a chart drawn by src/core/render/site/charts.ts (nothing else is printed). */
    h.svg = (...a) => {
      const v = args(a).values[0];
      return v instanceof TrustedSvg ? safe(v.markup) : '';
    };
  }

  function pageHelper(kind: PageKind, a: unknown[]) {
    const { values, options } = args(a);
    const id = values[0];
    if (typeof id !== 'string' || !id) return NONE;
    const label = typeof values[1] === 'string' ? values[1] : id;
    return pageLink(ctxOf(options), kind, id, label);
  }

  for (const [name, fn] of Object.entries(h)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
}
