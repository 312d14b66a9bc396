/**
 * The body of the comment Action's sticky PR comment: for each incident the PR touches, the
 * stakeholder update it would send (or the close notice once it closes), a mermaid preview of
 * its timeline, and the consumer teams to inform, downstream ones through lineage included.
 *
 * Everything from incident files is escaped by the render module (src/core/render/escape.ts):
 * no HTML, no links but http(s), no mention that pings. Teams are named in code spans, which
 * GitHub never turns into mentions. The body depends only on its inputs (the head's files and
 * the clock passed in), so a rerun on the same head gives the same bytes.
 */
import type { Incident } from './schema/incident.js';
import { informedConsumers, type RepoIndex } from './repo-index.js';
import { buildTimeline, timelineMermaid } from './timeline.js';
import { escapeMarkdown, markdownCode } from './render/escape.js';
import { PR_COMMENT_MARKER, stickyBody, fitBody, type StickySection } from './sticky-comment.js';

export interface PrCommentIncident {
  /** The head version, or undefined when the PR deletes the incident. */
  incident?: Incident;
  id: string;
  file: string;
  /** The rendered update or notice (markdown, already safe), or why it could not be rendered. */
  rendered: { kind: 'update' | 'notice'; markdown: string } | { kind: 'notice-not-ready'; missing: string[] };
}

/**
 * A mermaid block GitHub renders. The timeline's labels already drop `:` `;` `#` and line
 * breaks; backticks are dropped here too, so no text can close the fence and become markdown.
 */
export function mermaidBlock(mermaid: string): string {
  return `\`\`\`mermaid\n${mermaid.replace(/`/g, "'").trimEnd()}\n\`\`\``;
}

/** "Finance analytics (`@acme-data/finance-analytics`), via orders.fct_orders (downstream)". */
export function informedList(idx: RepoIndex, inc: Incident): string[] {
  return informedConsumers(idx, inc).map(({ team, via }) => {
    const t = idx.teams.get(team);
    const name = typeof t?.name === 'string' ? t.name : team;
    const handle = typeof t?.github === 'string' ? ` (${markdownCode(t.github)})` : '';
    return `${escapeMarkdown(name)}${handle}, via ${via === 'impact' ? 'the impact section' : escapeMarkdown(via)}`;
  });
}

export function prCommentBody(idx: RepoIndex, items: readonly PrCommentIncident[], opts: { headSha: string; now: number }): string {
  const title = `### sitrep: ${items.length} incident${items.length === 1 ? '' : 's'} in this pull request (head ${markdownCode(opts.headSha.slice(0, 7))})`;
  const sections: StickySection[] = [];
  for (const item of items) {
    const heading = `#### ${markdownCode(item.id)}${item.incident ? ` ${escapeMarkdown(item.incident.title)}` : ''}`;
    if (!item.incident) {
      sections.push({ heading, markdown: `This pull request deletes ${markdownCode(item.file)}.` });
      continue;
    }
    const parts: string[] = [];
    if (item.rendered.kind === 'notice-not-ready') {
      parts.push('**Close notice**: not ready yet. Missing:', ...item.rendered.missing.map((m) => `- ${escapeMarkdown(m)}`));
    } else {
      const label = item.rendered.kind === 'notice' ? 'Close notice' : 'Stakeholder update (consumers)';
      parts.push(`<details open><summary>${label}</summary>\n\n${item.rendered.markdown.trim()}\n\n</details>`);
    }
    const timeline = timelineMermaid(buildTimeline(item.incident), { title: item.id, now: opts.now });
    parts.push('**Timeline preview**', mermaidBlock(timeline));
    const informed = informedList(idx, item.incident);
    parts.push('**Consumer teams to inform** (direct, downstream through lineage, and named in the impact)');
    parts.push(informed.length ? informed.map((l) => `- ${l}`).join('\n') : '- none');
    sections.push({ heading, markdown: parts.join('\n\n') });
  }
  if (!items.length) sections.push({ markdown: 'This pull request no longer changes any incident.' });
  return fitBody(stickyBody(PR_COMMENT_MARKER, title, sections), 'The comment was cut to fit GitHub\'s limit; run `sitrep render` for the full text.');
}
