/** The working tree as a FileSource. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileSource } from '../core/source.js';

export class FsSource implements FileSource {
  readonly label: string;
  constructor(readonly root: string) {
    this.label = 'working tree';
  }

  async list(prefixes: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const prefix of prefixes) {
      const abs = join(this.root, prefix);
      const st = await stat(abs).catch(() => undefined);
      if (!st) continue;
      if (st.isFile()) out.push(prefix);
      else if (st.isDirectory()) await this.walk(abs, out);
    }
    return [...new Set(out)].sort();
  }

  private async walk(dir: string, out: string[]): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) await this.walk(abs, out);
      else if (e.isFile()) out.push(relative(this.root, abs).split(sep).join('/'));
    }
  }

  async read(path: string): Promise<Buffer | undefined> {
    if (path.split('/').includes('..')) return undefined;
    try {
      return await readFile(join(this.root, path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw e;
    }
  }

  async close(): Promise<void> {}
}
