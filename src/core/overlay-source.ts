/**
 * A FileSource with some files replaced, added or removed in memory: an edit is validated
 * as the repo would be after it, before anything is written. With no base it is an in-memory repo.
 */
import type { FileSource } from './source.js';

export class OverlaySource implements FileSource {
  readonly label: string;
  constructor(
    private readonly base: FileSource | undefined,
    /** path → new content, or null for a removed file. */
    private readonly overrides: ReadonlyMap<string, Buffer | string | null>,
  ) {
    this.label = base ? `${base.label} with edits` : 'memory';
  }

  async list(prefixes: readonly string[]): Promise<string[]> {
    const inPrefix = (p: string) => prefixes.some((x) => p === x || p.startsWith(`${x.replace(/\/$/, '')}/`));
    const out = new Set(this.base ? await this.base.list(prefixes) : []);
    for (const [path, content] of this.overrides) {
      if (content === null) out.delete(path);
      else if (inPrefix(path)) out.add(path);
    }
    return [...out].sort();
  }

  async read(path: string): Promise<Buffer | undefined> {
    if (this.overrides.has(path)) {
      const c = this.overrides.get(path);
      return c === null || c === undefined ? undefined : Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8');
    }
    return this.base?.read(path);
  }

  async close(): Promise<void> {
    await this.base?.close();
  }
}
