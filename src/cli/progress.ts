/**
 * Progress of a long run on a terminal: one line on stderr, rewritten at most ten times a second.
 * Silent when stderr is not a terminal or in CI (CliIO.isTTY is false then), so logs stay clean.
 */
import type { CliIO } from './io.js';

export class Progress {
  #last = -Infinity;
  #shown = false;
  constructor(private readonly io: CliIO, private readonly clock: () => number = Date.now) {}

  get enabled(): boolean {
    return this.io.isTTY;
  }

  /** A step without a count ("reading files"). */
  step(label: string): void {
    this.#write(`${label}…`, true);
  }

  /** A count towards a total; throttled. */
  count(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const t = this.clock();
    if (done < total && t - this.#last < 100) return;
    this.#last = t;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    this.#write(`${label} ${done}/${total} (${pct}%)`, false);
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled && this.#shown) this.io.stderr('\r\x1b[2K');
    this.#shown = false;
  }

  #write(text: string, force: boolean): void {
    if (!this.enabled) return;
    if (force) this.#last = this.clock();
    this.io.stderr(`\r\x1b[2K${text}`);
    this.#shown = true;
  }
}
