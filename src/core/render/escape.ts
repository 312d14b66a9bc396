/**
 * The one escaping module. Incident text is untrusted input: whatever it says, what we emit
 * must not inject markup, links, scripts, mentions or workflow commands.
 *
 * - `escapeHtml`: for HTML text and quoted attribute values (the site, the html documents, the Atom feed).
 * - `escapeMarkdown`: for GitHub-flavoured markdown (PR comments, job summaries, `render --format md`):
 *   no HTML, no links or images, no emphasis or tables, no `@mentions` that ping, no line that
 *   starts with `::` (a workflow command when a runner prints it), all on one source line.
 * - `safeHref`: the only way a URL from incident text becomes a link: http, https and mailto only.
 * - `jsonForScript`: JSON to embed in `<script type="application/json">`; `</script>` cannot break out.
 */

/** C0 controls (except tab and newline), DEL, C1 controls, and the bidi overrides that reorder text ("trojan source"). */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text as a string, without control characters; `\r\n` and `\r` become `\n`. */
export function cleanText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '');
}

/** Anything escapeHtml changes: markup characters, `\r`, and the characters cleanText removes. */
// eslint-disable-next-line no-control-regex
const HTML_WORK = /[&<>"'`=\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;',
};

/** HTML text or a quoted attribute value. Same set as Handlebars' own escape, plus control characters removed. */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'string' ? value : String(value);
  // Most values (ids, dates, names) need nothing: one test instead of three replaces.
  if (!HTML_WORK.test(s)) return s;
  return cleanText(s).replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]);
}

/** Zero-width joiner: put after `@`, GitHub no longer sees a mention, and the text reads the same. */
export const ZWJ = '\u200D';

/** `@name` and `@org/team` no longer ping anyone: a zero-width joiner after every `@`. */
export function neutraliseMentions(s: string): string {
  return s.replace(/@/g, `@${ZWJ}`);
}

/**
 * Inline markdown that GitHub shows as the literal text. Characters markdown could read as syntax
 * are backslash-escaped (`\*`), `& < >` become entities, line breaks become `<br>` so the result
 * is one source line, every `@` is followed by a zero-width joiner, and `::` is escaped.
 */
export function escapeMarkdown(value: unknown): string {
  const lines = cleanText(value).split('\n').map((l) => l.replace(/[ \t]+$/, ''));
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(escapeMarkdownLine).join('<br>');
}

function escapeMarkdownLine(line: string): string {
  let s = line.replace(/^[ \t]+/, '').replace(/\t/g, ' ');
  s = s.replace(/[\\`*_[\]|~$#&<>!{}()^]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      default: return `\\${c}`;
    }
  });
  // Block syntax only counts at the start of a line: list items, setext and thematic breaks, ordered lists.
  s = s.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  // A runner reads a stdout line that starts with `::` as a workflow command (`::set-output`, `::add-mask`).
  s = s.replace(/:(?=:)|(?<=:):/g, '\\:');
  return neutraliseMentions(s);
}

/** Markdown inline code that shows `value` literally (for ids and paths): longest backtick run + 1. */
export function markdownCode(value: unknown): string {
  const s = cleanText(value).replace(/\n/g, ' ');
  if (!s) return '';
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || /^ .* $/.test(s) ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * A URL safe to put in `href`: absolute http(s) or mailto only, normalised by the WHATWG URL parser
 * (the one browsers use, so `java\tscript:` is seen as `javascript:` and refused), with quotes, spaces
 * and angle brackets percent-encoded. Anything else (javascript:, data:, vbscript:, relative) gives undefined.
 */
export function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (!s || s.length > 4096 || /^\/\//.test(s)) return undefined;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && !url.hostname) return undefined;
  // Userinfo in a link is a phishing device ("https://github.com@evil.example").
  if (url.username || url.password) return undefined;
  // The parser leaves a few characters as they are in some parts; encode what matters in HTML and markdown.
  return url.href.replace(/[()'"<>\\\s`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A markdown link `[text](<url>)` when the URL is safe; the escaped text alone otherwise. */
export function markdownLink(text: unknown, url: unknown): string {
  const href = safeHref(url);
  const label = escapeMarkdown(text) || escapeMarkdown(url);
  return href ? `[${label}](<${href}>)` : label;
}

/**
 * JSON for `<script type="application/json">`: `<`, `>` and `&` as \u escapes (so `</script>` and
 * `<!--` cannot appear), and U+2028/U+2029 escaped. JSON.parse gives back the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of plain text (labels, table cells, titles): whitespace runs become one space. */
export function oneLine(value: unknown, max = Infinity): string {
  const s = cleanText(value).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}
