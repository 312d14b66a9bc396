import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
// marked (a GFM renderer) comes with mermaid, a devDependency; it stands in for GitHub's renderer here.
import { marked } from 'marked';
import { cleanText, escapeHtml, escapeMarkdown, jsonForScript, markdownCode, markdownLink, safeHref, ZWJ } from '../../src/core/render/escape.js';

const HOSTILE = [
  "<script>alert('xss')</script>",
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(2))',
  '![img](https://evil.example/x.png)',
  '@acme-data/everyone',
  '::set-output name=x::y',
  '::add-mask::secret',
  '# Heading',
  '- item',
  '+ item',
  '1. first',
  '2) second',
  '> quote',
  '```js\nalert(1)\n```',
  '`code`',
  '| a | b |\n|---|---|',
  '$x^2$',
  '~~strike~~',
  '**bold** __bold__ *em* _em_',
  '<https://evil.example>',
  '&lt;script&gt;',
  '<!-- comment -->',
  '[ref]: https://evil.example',
  '[^1]',
  '===',
  '---',
  '\\',
  'a  \nb',
  '    indented code',
  'java\tscript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<details open ontoggle=alert(1)>',
  '\u202Eevil\u202C',
];

/** The HTML marked makes of a markdown line, as plain text again (tags dropped, entities decoded). */
function renderedText(md: string): { html: string; text: string } {
  const html = (marked.parse(md, { gfm: true, async: false }) as string).trim();
  const text = html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/?(p|a)(\s[^>]*)?>/g, '')
    .replace(/&(lt|gt|amp|quot|#39|#x27);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" })[e]!);
  return { html, text };
}

/**
 * The rendered markdown has no tags but paragraphs and line breaks, and reads as the input. GFM
 * autolinks bare http(s) URLs and www. names: allowed, as long as they are http(s) (an autolink
 * may swallow the backslash of a following escape, so backslashes are ignored then).
 */
function rendersAsText(input: string, out: string): boolean {
  const { html, text } = renderedText(out);
  const tags = html.match(/<[^>]+>/g) ?? [];
  if (!tags.every((t) => /^<\/?p>$|^<br>$|^<a href="https?:\/\/[^"]*">$|^<\/a>$/.test(t))) return false;
  const linked = tags.some((t) => t.startsWith('<a'));
  return linked ? text.replace(/\\/g, '') === expectedText(input).replace(/\\/g, '') : text === expectedText(input);
}

/** What escapeMarkdown promises to show: the text, one line per line, trimmed, mentions joined. */
function expectedText(s: string): string {
  const lines = cleanText(s).split('\n').map((l) => l.replace(/[ \t]+$/, '').replace(/^[ \t]+/, '').replace(/\t/g, ' '));
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n').replace(/@/g, `@${ZWJ}`);
}

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('shows %j as literal text, no markup', (s) => {
    const out = escapeMarkdown(s);
    expect(out).not.toContain('\n');
    expect(out).not.toMatch(/<(?!br>)/);
    expect(out).not.toMatch(/^::/m);
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(rendersAsText(s, out)).toBe(true);
  });

  it('keeps ordinary text readable', () => {
    expect(escapeMarkdown('Page events +38% on 2025-02-11, 4.5M rows.')).toBe('Page events +38% on 2025-02-11, 4.5M rows.');
    expect(escapeMarkdown('line one\nline two')).toBe('line one<br>line two');
  });

  it('never lets a mention ping: every @ is followed by a zero-width joiner', () => {
    expect(escapeMarkdown('ping @acme-data/everyone and @alice')).toBe(`ping @${ZWJ}acme-data/everyone and @${ZWJ}alice`);
  });

  it('never starts a line with a workflow command', () => {
    expect(escapeMarkdown('x\n::set-output name=x::y')).toBe('x<br>\\:\\:set-output name=x\\:\\:y');
  });

  it('property: any text renders as exactly itself, with no tags, mentions or workflow commands', () => {
    const piece = fc.oneof(
      fc.constantFrom(...HOSTILE, '\n', ' ', '\t', '@', ':', '<', '>', '&', '\\', '*', '_', '[', ']', '(', ')', '`', '#', '|', '~', '$', '!', '-', '+', '=', '.', '1', 'a', 'é', '\u0000', '\r'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), (s) => {
        const out = escapeMarkdown(s);
        if (out.includes('\n') || /^::/m.test(out) || /@[A-Za-z0-9]/.test(out) || /<(?!br>)/.test(out)) return false;
        return rendersAsText(s, out);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('markdownCode and markdownLink', () => {
  it('fences code with a longer backtick run than it holds', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });
  it('links only safe URLs, with escaped text', () => {
    expect(markdownLink('PR *1*', 'https://github.com/acme/x/pull/1')).toBe('[PR \\*1\\*](<https://github.com/acme/x/pull/1>)');
    expect(markdownLink('click', 'javascript:alert(1)')).toBe('click');
    expect(markdownLink(undefined, 'javascript:alert(1)')).toBe('javascript:alert\\(1\\)');
  });
});

describe('safeHref', () => {
  it.each([
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', '/relative/path', 'relative',
    'https://github.com@evil.example/', 'file:///etc/passwd', 'https://', '',
  ])('refuses %j', (u) => {
    expect(safeHref(u)).toBeUndefined();
  });
  it('keeps http(s) and mailto, with markup characters encoded', () => {
    expect(safeHref('https://acme.looker.com/sql/8k2m')).toBe('https://acme.looker.com/sql/8k2m');
    expect(safeHref('mailto:oncall@acme.example')).toBe('mailto:oncall@acme.example');
    const h = safeHref('https://x.example/a"><script>alert(1)</script>(\')')!;
    expect(h).not.toMatch(/["'<>()\s]/);
  });
  it('property: whatever the input, the result is undefined or an http(s)/mailto URL without quote or bracket characters', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `https://x.example/${s}`), fc.string().map((s) => `${s}javascript:alert(1)`)), (s) => {
      const h = safeHref(s);
      return h === undefined || (/^(https?:\/\/|mailto:)/.test(h) && !/["'<>()\s`\\]/.test(h));
    }), { numRuns: 2000 });
  });
});

describe('escapeHtml', () => {
  it('property: no markup characters survive, and decoding gives the text back', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const out = escapeHtml(s);
      if (/[<>"'`=]/.test(out.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, ''))) return false;
      const back = out.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=' })[e]!);
      return back === cleanText(s);
    }), { numRuns: 2000 });
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element, and parses back to the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string(), (v, s) => {
      const value = { v, s: `${s}</script><script>alert(1)</script><!--` };
      const out = jsonForScript(value);
      return !/<\/?script|<!--|[<>]/i.test(out) && JSON.stringify(JSON.parse(out)) === JSON.stringify(value);
    }), { numRuns: 1000 });
  });
});
