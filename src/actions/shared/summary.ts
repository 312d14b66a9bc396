/**
 * The job summary (GITHUB_STEP_SUMMARY). It is markdown with HTML, and `core.summary` does not
 * escape anything, so every piece of text goes through `text()` here: HTML-escaped (the one
 * escaping module, src/core/render/escape.ts), mentions that cannot ping, line breaks as <br>
 * so a blank line in a value cannot end an HTML block and start markdown. Only the builders
 * below produce markup.
 */
import * as core from '@actions/core';
import { escapeHtml, neutraliseMentions } from '../../core/render/escape.js';

/** Escaped text for a summary: HTML-safe, no mention pings, one line (breaks become <br>). */
export function text(value: unknown): string {
  return neutraliseMentions(escapeHtml(value)).replace(/\n/g, '<br>');
}

export class Summary {
  readonly #parts: string[] = [];

  heading(value: string, level: 2 | 3 = 2): this {
    this.#parts.push(`<h${level}>${text(value)}</h${level}>`);
    return this;
  }

  paragraph(value: string): this {
    this.#parts.push(`<p>${text(value)}</p>`);
    return this;
  }

  /** Paragraph of pre-escaped pieces: use `text()` for each untrusted piece. */
  html(markup: string): this {
    this.#parts.push(markup);
    return this;
  }

  list(items: readonly string[]): this {
    if (items.length) this.#parts.push(`<ul>${items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`);
    return this;
  }

  table(headers: readonly string[], rows: readonly (readonly unknown[])[]): this {
    const head = `<tr>${headers.map((h) => `<th>${text(h)}</th>`).join('')}</tr>`;
    const body = rows.map((r) => `<tr>${r.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`).join('');
    this.#parts.push(`<table>${head}${body}</table>`);
    return this;
  }

  /** A collapsed section; `inner` is markup built with this class's escaping. */
  details(summary: string, inner: string): this {
    this.#parts.push(`<details><summary>${text(summary)}</summary>${inner}</details>`);
    return this;
  }

  toString(): string {
    return `${this.#parts.join('\n')}\n`;
  }

  /** Appends to GITHUB_STEP_SUMMARY; without one (a local run) the summary is skipped. */
  async write(): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.debug('no GITHUB_STEP_SUMMARY: job summary skipped');
      return;
    }
    await core.summary.addRaw(this.toString(), true).write();
  }
}
