/**
 * Runs a shard of a site build (./shard.ts) in a worker thread or in this thread, behind one
 * interface, so the build (./build-site.ts) does not care where its shards run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ShardWork, type ShardInit, type ShardLoaded, type ShardRender, type ShardWritten } from './shard.js';

export type ShardMessage =
  | { type: 'loaded'; loaded: ShardLoaded }
  | { type: 'progress'; files: number }
  | { type: 'done'; written: ShardWritten };

export interface ShardRunner {
  /** The incident files the shard read, once it has read them. */
  loaded(): Promise<ShardLoaded>;
  /** Renders and writes the shard's incident pages; resolves when they are written. */
  render(r: ShardRender, onProgress: (files: number) => void): Promise<ShardWritten>;
  /** Stops the shard (a worker is terminated if it is still running). */
  close(): Promise<void>;
}

/** The worker script next to this bundle (dist/site-worker.js); absent when running from source. */
export function workerScript(): URL | undefined {
  const url = new URL('./site-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** The shard in this thread: the first of several, or the only one (a small repo, one core, a model already loaded). */
export class LocalShard implements ShardRunner {
  constructor(private readonly work: Promise<ShardWork>) {}

  async loaded() {
    return (await this.work).loaded();
  }

  async render(r: ShardRender, onProgress: (files: number) => void) {
    return (await this.work).render(r, onProgress);
  }

  async close() {}
}

/** A shard in a worker thread. A failure in the worker rejects whatever is awaited of it. */
export class WorkerShard implements ShardRunner {
  readonly #worker: Worker;
  readonly #loaded: Promise<ShardLoaded>;
  readonly #done: Promise<ShardWritten>;
  #onProgress: (files: number) => void = () => {};
  #finished = false;

  constructor(script: URL, init: ShardInit) {
    this.#worker = new Worker(script, { workerData: init });
    const settle = <T>() => {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
      promise.catch(() => {}); // rejections surface where the promise is awaited
      return { promise, resolve, reject };
    };
    const loaded = settle<ShardLoaded>();
    const done = settle<ShardWritten>();
    const fail = (e: unknown) => [loaded, done].forEach((s) => s.reject(e));
    this.#worker.on('message', (m: ShardMessage) => {
      if (m.type === 'loaded') loaded.resolve(m.loaded);
      else if (m.type === 'progress') this.#onProgress(m.files);
      else { this.#finished = true; done.resolve(m.written); }
    });
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => {
      if (!this.#finished) fail(new Error(`a site worker stopped (exit code ${code}) before its pages were written`));
    });
    this.#loaded = loaded.promise;
    this.#done = done.promise;
  }

  loaded() {
    return this.#loaded;
  }

  render(r: ShardRender, onProgress: (files: number) => void) {
    this.#onProgress = onProgress;
    this.#worker.postMessage(r);
    return this.#done;
  }

  async close() {
    if (!this.#finished) await this.#worker.terminate();
  }
}
