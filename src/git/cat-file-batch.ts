import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';
import { collectText, GitError, spawnGit, waitForGit } from './run-git.js';

export interface GitObject {
  sha: string;
  type: string;
  content: Buffer;
}

interface Request {
  spec: string;
  resolve(object: GitObject | undefined): void;
  reject(err: Error): void;
}

const ARGS = ['cat-file', '--batch'];
const LF = 0x0a;

/**
 * One long-lived `git cat-file --batch` process. Requests are written to its stdin as they come;
 * git answers them in order, so the oldest pending request owns the next answer on stdout.
 * Answers are `<sha> <type> <size>\n<size bytes>\n` or `<spec> missing\n`: the body is read by
 * its size, never by looking for a newline, so any bytes (NUL, newlines, binary) come through intact.
 */
export class CatFileBatch {
  readonly #cwd: string;
  #child: ChildProcessWithoutNullStreams | undefined;
  #exited: Promise<void> | undefined;
  #failure: Error | undefined;
  #closing = false;
  readonly #pending: Request[] = [];
  // Parser state: the bytes of an unfinished header line, or the object whose body is being filled.
  #headerParts: Buffer[] = [];
  #body: { sha: string; type: string; bytes: Buffer; filled: number } | undefined;

  /** `cwd` is any folder inside the repository. The process starts on the first read. */
  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  /** A revision spec (`HEAD:incidents/a.yaml`, a blob sha…); undefined when git says it is missing. */
  read(spec: string): Promise<GitObject | undefined> {
    // The protocol is line based, so a newline would split one request into two and shift every answer after it.
    if (/[\r\n]/.test(spec)) return Promise.reject(new Error(`git cat-file --batch cannot look up a name with a line break: ${JSON.stringify(spec)}`));
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new Error('git cat-file --batch: read() after close()'));
    const child = this.#start();
    return new Promise((resolve, reject) => {
      if (this.#pending.length === 0) setReferenced(child, true);
      this.#pending.push({ spec, resolve, reject });
      child.stdin.write(`${spec}\n`);
    });
  }

  /** Lets git finish the pending requests, then waits for it to exit. */
  async close(): Promise<void> {
    this.#closing = true;
    if (!this.#child) return;
    // Waiting for the exit must hold the event loop, or Node could drain it and quit mid-command.
    setReferenced(this.#child, true);
    this.#child.stdin.end();
    await this.#exited;
  }

  #start(): ChildProcessWithoutNullStreams {
    if (this.#child) return this.#child;
    const child = spawnGit(ARGS, { cwd: this.#cwd });
    const stderr = collectText(child.stderr);
    child.stdout.on('data', (chunk: Buffer) => this.#onData(chunk));
    // A write after git died fails with EPIPE; the exit handler below reports the real cause.
    child.stdin.on('error', () => {});
    this.#exited = waitForGit(child, ARGS, stderr).then(
      () => this.#fail(new GitError(`${ARGS.join(' ')} exited early`, ARGS)),
      (err: Error) => this.#fail(err),
    );
    setReferenced(child, false);
    this.#child = child;
    return child;
  }

  /** Git died or the stream cannot be trusted any more: reject what is pending and every later read. */
  #fail(err: Error): void {
    if (this.#failure || (this.#pending.length === 0 && this.#closing)) return;
    this.#failure = err instanceof GitError ? err : new GitError(`${ARGS.join(' ')}: ${err.message}`, ARGS);
    for (const request of this.#pending.splice(0)) request.reject(this.#failure);
    this.#child?.kill();
  }

  #onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#body) {
        const body = this.#body;
        const n = Math.min(body.bytes.length - body.filled, chunk.length - at);
        chunk.copy(body.bytes, body.filled, at, at + n);
        body.filled += n;
        at += n;
        if (body.filled === body.bytes.length) {
          this.#body = undefined;
          // The buffer holds the body and git's trailing newline.
          this.#answer({ sha: body.sha, type: body.type, content: body.bytes.subarray(0, body.bytes.length - 1) });
        }
        continue;
      }
      const end = chunk.indexOf(LF, at);
      if (end === -1) {
        this.#headerParts.push(chunk.subarray(at));
        return;
      }
      this.#headerParts.push(chunk.subarray(at, end));
      const header = Buffer.concat(this.#headerParts).toString('utf8');
      this.#headerParts = [];
      at = end + 1;
      this.#onHeader(header);
    }
  }

  #onHeader(header: string): void {
    const found = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
    if (found) {
      this.#body = { sha: found[1], type: found[2], bytes: Buffer.allocUnsafe(Number(found[3]) + 1), filled: 0 };
      return;
    }
    // `<spec> missing` / `<spec> ambiguous` echo the spec, which may itself contain spaces.
    if (header.endsWith(' missing')) return this.#answer(undefined);
    if (header.endsWith(' ambiguous')) {
      const error = new GitError(`git cat-file --batch: ${JSON.stringify(this.#pending[0]?.spec)} is ambiguous; use a longer sha`, ARGS);
      return this.#settle((r) => r.reject(error));
    }
    this.#fail(new Error(`unexpected answer line ${JSON.stringify(header)}`));
  }

  #answer(object: GitObject | undefined): void {
    this.#settle((r) => r.resolve(object));
  }

  #settle(action: (request: Request) => void): void {
    const request = this.#pending.shift();
    if (!request) {
      this.#fail(new Error('git answered a request that was never made'));
      return;
    }
    if (this.#pending.length === 0 && this.#child) setReferenced(this.#child, false);
    action(request);
  }
}

/**
 * An idle batch process must not keep Node alive: a command that forgot close() should still exit.
 * While requests are pending, the child and its pipes hold the event loop open so answers arrive.
 */
function setReferenced(child: ChildProcessWithoutNullStreams, on: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as Pick<Socket, 'ref' | 'unref'>[]) {
    if (on) handle.ref?.();
    else handle.unref?.();
  }
}
