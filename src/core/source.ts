/**
 * Where the loader reads files from: the working tree, or a git tree read through
 * one `git cat-file --batch` process. Paths are POSIX, relative to the incident repo root.
 */
export interface FileSource {
  /** What this source is, for messages: "working tree" or "origin/main (1a2b3c4)". */
  readonly label: string;
  /** Repo-relative paths of all files under the given folders or files, sorted. */
  list(prefixes: readonly string[]): Promise<string[]>;
  /** The bytes of one file, or undefined when it does not exist in this source. */
  read(path: string): Promise<Buffer | undefined>;
  /** Frees processes or handles the source holds. */
  close(): Promise<void>;
}
