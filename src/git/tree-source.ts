import type { FileSource } from '../core/source.js';
import { CatFileBatch } from './cat-file-batch.js';
import { repoInfo, resolveCommit } from './repo-info.js';
import { runGit } from './run-git.js';

export interface GitTreeSourceOptions {
  /** The incident repo root (possibly a subfolder of the git working tree). */
  dir: string;
  /** Full sha of the commit to read. */
  commit: string;
  /** The incident repo's path inside the git tree, as `repoInfo` gives it ('' or `sub/dir/`). */
  prefix: string;
  label: string;
  /** Shared reader; several sources (base and head) can use one process. */
  batch: CatFileBatch;
  /** When true, close() also closes the batch. */
  ownsBatch?: boolean;
}

/** The files of one commit, read through `git ls-tree` (one call per list) and a shared `git cat-file --batch`. */
export class GitTreeSource implements FileSource {
  readonly label: string;
  readonly commit: string;
  readonly #dir: string;
  readonly #prefix: string;
  readonly #batch: CatFileBatch;
  readonly #ownsBatch: boolean;
  // Blob shas seen by list(): reading by sha skips a tree walk in git and works for any file name.
  readonly #blobs = new Map<string, string>();

  constructor(opts: GitTreeSourceOptions) {
    this.label = opts.label;
    this.commit = opts.commit;
    this.#dir = opts.dir;
    this.#prefix = opts.prefix;
    this.#batch = opts.batch;
    this.#ownsBatch = opts.ownsBatch ?? false;
  }

  /**
   * The tree of `ref` as seen from the incident repo at `dir`, labelled `origin/main (1a2b3c4)`.
   * Without a `batch`, the source starts its own and closes it on close().
   */
  static async open(dir: string, ref: string, opts: { batch?: CatFileBatch } = {}): Promise<GitTreeSource> {
    const [commit, { prefix }] = await Promise.all([resolveCommit(dir, ref), repoInfo(dir)]);
    const short = commit.slice(0, 7);
    const label = /^[0-9a-f]{4,}$/.test(ref) && commit.startsWith(ref) ? short : `${ref} (${short})`;
    const batch = opts.batch ?? new CatFileBatch(dir);
    return new GitTreeSource({ dir, commit, prefix, label, batch, ownsBatch: !opts.batch });
  }

  async list(prefixes: readonly string[]): Promise<string[]> {
    if (prefixes.length === 0) return [];
    const wanted = prefixes.map(normalizePath);
    // --full-tree makes paths independent of the folder git runs in; we add and strip the prefix ourselves.
    // ls-tree matches its paths literally (no globs), as whole path components.
    const paths = wanted.includes('') ? (this.#prefix ? [this.#prefix.slice(0, -1)] : []) : wanted.map((p) => this.#prefix + p);
    const out = await runGit(['ls-tree', '-r', '-z', '--full-tree', this.commit, '--', ...paths], { cwd: this.#dir });
    const files: string[] = [];
    for (const entry of out.split('\0')) {
      // `<mode> <type> <sha>\t<path>`
      const tab = entry.indexOf('\t');
      if (tab === -1) continue;
      const [mode, type, sha] = entry.slice(0, tab).split(' ');
      const topPath = entry.slice(tab + 1);
      // Regular files only: symlinks and submodules have no YAML to read.
      if (type !== 'blob' || mode === '120000' || !topPath.startsWith(this.#prefix)) continue;
      const path = topPath.slice(this.#prefix.length);
      this.#blobs.set(path, sha);
      files.push(path);
    }
    return files.sort();
  }

  async read(path: string): Promise<Buffer | undefined> {
    const rel = normalizePath(path);
    const object = await this.#batch.read(this.#blobs.get(rel) ?? `${this.commit}:${this.#prefix}${rel}`);
    return object?.type === 'blob' ? object.content : undefined;
  }

  async close(): Promise<void> {
    if (this.#ownsBatch) await this.#batch.close();
  }
}

/** `./incidents/` → `incidents`; `.` → '' (the incident repo root). */
function normalizePath(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
