import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A git command failed. The message names the command and carries git's own stderr. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly args: readonly string[] = [],
    readonly exitCode: number | null = null,
    readonly stderr = '',
  ) {
    super(message);
  }
}

let started = 0;

/** How many git processes this module has started: diagnostics, and the proof in tests that nothing runs git per file. */
export function gitProcessesStarted(): number {
  return started;
}

/** Starts git with pipes on all three streams. Every git process of src/git starts here, without a shell. */
export function spawnGit(args: readonly string[], opts: { cwd: string }): ChildProcessWithoutNullStreams {
  started++;
  return spawn('git', args, { cwd: opts.cwd, stdio: 'pipe', windowsHide: true });
}

/** `git log --format=%x1e…`, shortened, so a message names the command without a wall of format codes. */
export function describeGit(args: readonly string[]): string {
  const shown = args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a)).map((a) => (/[\s"'\\]/.test(a) ? JSON.stringify(a) : a));
  return ['git', ...shown].join(' ');
}

/** Collects a stream's text; git's stderr is small, so keeping it whole is fine. */
export function collectText(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (s: string) => (text += s));
  return () => text;
}

/**
 * Resolves when the child exits with code 0; otherwise rejects with a GitError that quotes git's stderr.
 * Also turns spawn failures (git missing, cwd missing) into a GitError instead of an unhandled 'error' event.
 */
export function waitForGit(child: ChildProcessWithoutNullStreams, args: readonly string[], stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'ENOENT' ? 'git is not installed or the folder does not exist' : err.message;
      reject(new GitError(`${describeGit(args)} could not start: ${why}`, args));
    });
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const text = stderr().trim();
      const how = signal ? `was stopped by ${signal}` : `failed (exit ${code})`;
      reject(new GitError(`${describeGit(args)} ${how}${text ? `: ${text}` : ''}`, args, code, text));
    });
  });
}

/** Runs one git command and returns its stdout. Output is collected as chunks, so there is no maxBuffer to overflow. */
export async function runGit(args: string[], opts: { cwd: string; input?: string }): Promise<string> {
  const child = spawnGit(args, opts);
  const stderr = collectText(child.stderr);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  // git may exit before reading its input (for example on a bad argument): that EPIPE is reported by the exit code.
  child.stdin.on('error', () => {});
  child.stdin.end(opts.input ?? '');
  await waitForGit(child, args, stderr);
  return Buffer.concat(chunks).toString('utf8');
}

/** True when `cwd` is inside a git working tree or repository. */
export async function isGitRepo(cwd: string): Promise<boolean> {
  try {
    await runGit(['rev-parse', '--git-dir'], { cwd });
    return true;
  } catch (err) {
    if (err instanceof GitError) return false;
    throw err;
  }
}
