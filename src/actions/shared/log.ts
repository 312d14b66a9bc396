/**
 * Everything an Action prints goes through here, because a runner reads stdout for workflow
 * commands: a line whose trimmed text starts with `::` (`::set-output`, `::add-mask`,
 * `::stop-commands`) is a v2 command, and `##[` anywhere in a line is a v1 command. Incident
 * files are untrusted, so their text must never reach stdout as a command.
 *
 * Two layers:
 * - `neutralise`: drops control and invisible format characters (the runner's .NET string
 *   matching may skip those, so `\u200B::set-output` could still read as `::`), puts a visible
 *   backslash in front of a line-start `::`, and splits every `##[`;
 * - `logUntrusted`: prints a block between `::stop-commands::<random token>` and `::<token>::`,
 *   so the runner processes no command at all inside it, whatever the text says.
 *
 * Annotation messages go through @actions/core's own escaping (%, CR, LF), after `neutralise`.
 */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';

// C0/C1 controls except tab and newline, format characters (zero-width, bidi, soft hyphen, BOM), variation selectors.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Text that no runner reads as a workflow command, whatever it contained. */
export function neutralise(text: unknown): string {
  const s = String(text ?? '').replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  return s
    .split('\n')
    .map((line) => line.replace(/##\[/g, '#\\#[').replace(/^(\s*):(?=:)/, '$1\\:'))
    .join('\n');
}

/** One line of our own wording with untrusted values in it: newlines become ⏎, then neutralised. */
export function log(message: string): void {
  core.info(neutralise(message.replace(/\r?\n/g, ' ⏎ ')));
}

/** The token that ends a stop-commands block: random, so no file can guess it. */
export function stopToken(): string {
  return `sitrep-${randomBytes(16).toString('hex')}`;
}

/** A block of untrusted text (diagnostics, incident fields), printed with workflow commands off. */
export function logUntrusted(text: string, title?: string): void {
  const token = stopToken();
  if (title) log(title);
  core.info(`::stop-commands::${token}`);
  for (const line of neutralise(text.split(token).join('')).split('\n')) core.info(`  ${line}`);
  core.info(`::${token}::`);
}
