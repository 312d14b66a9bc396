/**
 * Writes a whole site atomically: every page goes into a fresh staging folder next to the target,
 * then the staging folder replaces the target in one rename. Readers (a web server, a Pages
 * upload) see the old site or the new one, never a mix, and pages of deleted incidents do not linger.
 * (Files inside the private staging folder are written plainly: the swap is the atomic step, so
 * writeFileAtomic's temp-and-rename per file would only double the file operations of 10,000 pages.)
 *
 * A folder is replaced only when it is empty or was written by this writer (it holds MARKER),
 * so `--out` pointed at the wrong folder cannot delete anyone's files.
 */
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export const MARKER = '.sitrep-site';

export class SiteWriteError extends Error {
  override readonly name = 'SiteWriteError';
}

export interface SiteFile {
  /** POSIX path relative to the site root. */
  path: string;
  content: string | Uint8Array;
}

export interface SiteCopy {
  path: string;
  /** Absolute path of the file to copy. */
  from: string;
}

export interface WriteSiteResult {
  dir: string;
  files: number;
  bytes: number;
}

function safeRelative(p: string): string {
  const parts = p.split('/');
  if (!p || p.startsWith('/') || parts.some((s) => s === '..' || s === '' || s === '.' || s.includes('\\') || s.includes('\0'))) {
    throw new SiteWriteError(`refusing to write a page at an unsafe path: ${JSON.stringify(p)}`);
  }
  return p;
}

/** Whether `dir` may be replaced: missing, empty, or a site this writer made. */
export async function checkReplaceable(dir: string): Promise<void> {
  const st = await stat(dir).catch(() => undefined);
  if (!st) return;
  if (!st.isDirectory()) throw new SiteWriteError(`${dir} exists and is not a folder`);
  const entries = await readdir(dir);
  if (entries.length && !entries.includes(MARKER)) {
    throw new SiteWriteError(`${dir} is not empty and was not written by sitrep site (no ${MARKER}); choose another --out or empty it`);
  }
}

export async function writeSite(
  outDir: string,
  files: Iterable<SiteFile>,
  copies: readonly SiteCopy[] = [],
  onFile?: (written: number) => void,
): Promise<WriteSiteResult> {
  const dir = resolve(outDir);
  await checkReplaceable(dir);
  await mkdir(dirname(dir), { recursive: true });
  const tag = randomBytes(6).toString('hex');
  const staging = join(dirname(dir), `.${basename(dir)}.sitrep-tmp-${tag}`);
  await mkdir(staging);
  const made = new Set<string>([staging]);
  const ensureDir = async (d: string) => {
    if (made.has(d)) return;
    await mkdir(d, { recursive: true });
    made.add(d);
  };
  let count = 0;
  let bytes = 0;
  try {
    for (const f of files) {
      const abs = join(staging, safeRelative(f.path));
      const d = dirname(abs);
      if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
      // Synchronous: pages are made one at a time and nothing else runs meanwhile; it spares a
      // file handle and two promises per page (10,000 pages).
      writeFileSync(abs, f.content);
      bytes += typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength;
      count++;
      onFile?.(count);
    }
    for (const c of copies) {
      const abs = join(staging, safeRelative(c.path));
      await ensureDir(dirname(abs));
      await copyFile(c.from, abs);
      bytes += (await stat(abs)).size;
      count++;
    }
    await writeFile(join(staging, MARKER), 'Written by `sitrep site`. This folder is replaced whole on the next build.\n');
    // Swap: the old site (if any) moves aside, the new one takes its name, the old one goes.
    const old = join(dirname(dir), `.${basename(dir)}.sitrep-old-${tag}`);
    const hadOld = await stat(dir).then(() => true, () => false);
    if (hadOld) {
      await checkReplaceable(dir);
      await rename(dir, old);
    }
    try {
      await rename(staging, dir);
    } catch (e) {
      if (hadOld) await rename(old, dir).catch(() => {});
      throw e;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  return { dir, files: count, bytes };
}
