import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { FsSource } from '../../src/io/fs-source.js';
import { loadRepo } from '../../src/core/load.js';
import { buildIndex, type RepoIndex } from '../../src/core/repo-index.js';
import type { Incident } from '../../src/core/schema/incident.js';
import { AUDIENCES } from '../../src/core/schema/incident.js';
import { createTemplates, lintTemplate, TemplateError, TEMPLATE_NAMES } from '../../src/core/render/templates.js';
import { BUILTIN_TEMPLATES } from '../../src/templates/index.js';
import { linkContext } from '../../src/core/render/links.js';
import { renderUpdate } from '../../src/core/render/update.js';
import { renderNotice } from '../../src/core/render/notice.js';
import { buildSite } from '../../src/core/render/site/build.js';
import { ZWJ } from '../../src/core/render/escape.js';
import { createSiteFixture, PLANTED_ID, type SiteFixture } from './site-fixture.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');

/** Markup a payload would become if anything printed it unescaped. */
const HTML_INJECTIONS = [/<script>window\.__xss/i, /<img src=x onerror/i, /<svg onload/i, /<iframe/i, /href="\s*javascript:/i, /src="\s*javascript:/i, /onerror=/i, /onload=/i];
const MD_INJECTIONS = [/<script/i, /<img/i, /<svg/i, /<iframe/i, /\]\(\s*<?javascript:/i, /@acme-data\/everyone/, /^::/m, /\[click\]\(/];

let fixture: SiteFixture;
let idx: RepoIndex;
let planted: Incident;

beforeAll(async () => {
  fixture = createSiteFixture();
  const { model } = await loadRepo(new FsSource(fixture.dir));
  idx = buildIndex(model);
  const file = idx.incidents.get(PLANTED_ID)!;
  expect(file.valid).toBe(true);
  planted = file.data;
});
afterAll(() => fixture?.cleanup());

describe('the template registry', () => {
  it('holds built-in templates that parse and never print unescaped output', () => {
    expect(TEMPLATE_NAMES.length).toBeGreaterThan(10);
    for (const name of TEMPLATE_NAMES) expect(lintTemplate(name, BUILTIN_TEMPLATES[name]), name).toEqual([]);
  });

  it('escapes {{value}} for the flavour of the template: markdown for .md, HTML for the rest', () => {
    const { templates } = createTemplates({
      'notice.md': 'MD[{{title}}]',
      'notice.html': 'HTML[{{title}}] {{#each datasets}}<{{this}}>{{/each}} {{#with impact}}{{summary}}{{/with}}',
    });
    const links = linkContext(idx, { mode: 'document', now: NOW });
    const view = { title: '<b>*x*</b> @team', datasets: ['<i>'], impact: { summary: '"q"' } };
    expect(templates.render('notice.md', view, { links })).toBe(`MD[&lt;b&gt;\\*x\\*&lt;/b&gt; @${ZWJ}team]`);
    expect(templates.render('notice.html', view, { links })).toBe('HTML[&lt;b&gt;*x*&lt;/b&gt; @team] <&lt;i&gt;> &quot;q&quot;');
  });

  it('refuses overrides with {{{triple}}} or {{& value}} output, or that do not parse', () => {
    for (const bad of ['{{{title}}}', 'a {{& title}} b', '{{#if x}}unclosed']) {
      let err: unknown;
      try { createTemplates({ 'notice.md': bad }); } catch (e) { err = e; }
      expect(err, bad).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).problems[0]).toMatch(/^notice\.md/);
    }
  });

  it('uses overrides by name, warns about unknown names, and keeps helpers and partials available', () => {
    const { templates, warnings } = createTemplates({
      'notice.md': 'Custom notice for {{id}}: {{date timeline.events.0.at}}\n{{#with timeline}}{{> partials/timeline.md}}{{/with}}',
      'nonsense.md': 'x',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/nonsense\.md\.hbs matches no template/);
    expect(templates.overridden).toEqual(['notice.md']);
    const closed = [...idx.incidents.values()].find((f) => f.data.status === 'closed' && f.data.id !== PLANTED_ID)!.data;
    const r = renderNotice(idx, closed, { templates, now: NOW });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.content).toMatch(new RegExp(`^Custom notice for ${closed.id}: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));
      expect(r.content).toContain('| Time (UTC) | Source | What | By | Recorded in |');
    }
  });
});

describe('escaping is on everywhere', () => {
  it('markdown documents: every audience of the update, and the notice, show the planted payloads inert', () => {
    const outputs = [
      ...AUDIENCES.map((a) => renderUpdate(idx, planted, a, { now: NOW })),
      (() => { const r = renderNotice(idx, planted, { now: NOW }); if (!r.ok) throw new Error('planted incident not closable'); return r.content; })(),
    ];
    for (const md of outputs) for (const re of MD_INJECTIONS) expect(md, String(re)).not.toMatch(re);
    expect(outputs.join('\n')).toContain(`@${ZWJ}acme-data/everyone`);
  });

  it('html documents: the update for every audience and the notice', () => {
    const outputs = [
      ...AUDIENCES.map((a) => renderUpdate(idx, planted, a, { now: NOW, format: 'html' })),
      (() => { const r = renderNotice(idx, planted, { now: NOW, format: 'html' }); if (!r.ok) throw new Error('not closable'); return r.content; })(),
    ];
    for (const html of outputs) for (const re of HTML_INJECTIONS) expect(html, String(re)).not.toMatch(re);
    expect(outputs.join('\n')).toContain('&lt;script&gt;window.__xss&#x3D;1&lt;/script&gt;');
  });

  it('every page of the site', () => {
    const plan = buildSite({ idx, now: NOW, mermaid: true });
    let pages = 0;
    for (const page of plan.pages) {
      pages++;
      if (/\.(js|css|json)$/.test(page.path)) continue;
      // Inside the JSON block the text is a JSON string (`<` as \u003c): inert, and checked below and in escape.test.ts.
      const markup = page.content.replace(/(<script type="application\/json"[^>]*>)[^<]*(<\/script>)/g, '$1$2');
      for (const re of HTML_INJECTIONS) expect(markup, `${page.path} ${re}`).not.toMatch(re);
      // The JSON blocks and exports carry the text, but can never close a script element.
      if (page.path.endsWith('.html')) expect(page.content.match(/<\/script>/g)?.length ?? 0, page.path).toBe((page.content.match(/<script\b/g) ?? []).length);
    }
    expect(pages).toBe(plan.total);
  });
});
