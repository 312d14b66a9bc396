/**
 * One comment kept up to date in place ("sticky"): the comment Action's PR comment and the
 * watch Action's tracking issues use the same rules.
 *
 * - A sticky carries a hidden marker (`<!-- sitrep:pr-comment -->`) on its first line. It is
 *   found by that marker **and** by its author, the account the Action posts as: anyone can
 *   write the marker into a comment of their own, and that comment is not ours to edit.
 * - The body is built only from its inputs (no clock, no run id), so the same inputs give the
 *   same bytes, and "needs update?" is a plain comparison: a rerun with nothing new writes nothing.
 */

/** The marker of the comment Action's PR comment. */
export const PR_COMMENT_MARKER = '<!-- sitrep:pr-comment -->';

/** The marker of a tracking issue for one incident (the watch Action): one issue per incident id. */
export function watchMarker(incidentId: string): string {
  return `<!-- sitrep:watch id=${incidentId.replace(/[^A-Za-z0-9_.-]/g, '_')} -->`;
}

export interface CommentLike {
  id: number;
  body: string;
  user: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether a body is a sticky with this marker: the marker must open the body. */
export function hasMarker(body: string, marker: string): boolean {
  return body.startsWith(marker);
}

/**
 * The sticky among `comments` (oldest first): the oldest with the marker written by `author`.
 * Later duplicates (two runs racing) are returned too, so the caller can say so.
 */
export function findSticky<C extends CommentLike>(comments: readonly C[], marker: string, author: string): { sticky?: C; duplicates: C[] } {
  const ours = comments.filter((c) => same(c.user, author) && hasMarker(c.body, marker));
  return { sticky: ours[0], duplicates: ours.slice(1) };
}

/** A section of a sticky body: a heading and markdown that is already safe to post. */
export interface StickySection {
  heading?: string;
  markdown: string;
}

/**
 * The body: the marker, a title line, then the sections separated by rules. Trailing spaces
 * are dropped and line ends normalised, so equal inputs give equal bytes.
 */
export function stickyBody(marker: string, title: string, sections: readonly StickySection[]): string {
  const parts = [`${marker}\n${title}`];
  for (const s of sections) parts.push(`${s.heading ? `${s.heading}\n\n` : ''}${s.markdown.trim()}`);
  return `${parts.join('\n\n---\n\n').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '')}\n`;
}

/** GitHub refuses comment and issue bodies longer than 65536 characters. */
export const MAX_BODY_LENGTH = 65536;

/**
 * Cuts a body that GitHub would refuse, keeping whole lines and closing an open code fence,
 * with a note at the end saying where the full text is.
 */
export function fitBody(body: string, note: string, max = MAX_BODY_LENGTH): string {
  if (body.length <= max) return body;
  const tail = `\n\n_${note}_\n`;
  const room = max - tail.length - 8;
  let cut = body.slice(0, room);
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  const fences = (cut.match(/^```/gm) ?? []).length;
  if (fences % 2 === 1) cut += '\n```';
  return `${cut}${tail}`;
}

export type StickyDecision =
  | { action: 'create'; body: string }
  | { action: 'update'; id: number; body: string }
  | { action: 'none'; id: number };

/** Line ends as GitHub may give them back (a body edited in the web UI comes back with CRLF). */
const normalise = (s: string) => s.replace(/\r\n?/g, '\n');

/** Create when there is none, update when the body differs, else nothing. */
export function stickyDecision(existing: CommentLike | undefined, body: string): StickyDecision {
  if (!existing) return { action: 'create', body };
  if (normalise(existing.body) === normalise(body)) return { action: 'none', id: existing.id };
  return { action: 'update', id: existing.id, body };
}
