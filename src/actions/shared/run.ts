/**
 * How every Action's `run()` starts and ends.
 *
 * - Until `run()` has finished, the exit code is 1 and a timer holds the event loop open. Git
 *   reader processes are unref'd when idle, so without the timer Node could run out of work
 *   mid-run and exit 0: for a required check (gate) a silent early exit must be a failure.
 * - A failure is one `setFailed` line (neutralised, no stack trace for bad input, a git error or
 *   a GitHub refusal), never an unhandled rejection.
 */
import * as core from '@actions/core';
import { GitHubApiError } from '../../github/errors.js';
import { ActionInputError } from './env.js';
import { neutralise } from './log.js';

let failed = false;

/** Fails the step with a message (the Action goes on, e.g. to write its summary). */
export function fail(message: string): void {
  failed = true;
  core.setFailed(neutralise(message));
}

export async function runAction(name: string, body: () => Promise<void>): Promise<void> {
  process.exitCode = 1;
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await body();
  } catch (error) {
    if (error instanceof ActionInputError || error instanceof GitHubApiError || (error as Error)?.name === 'GitError') {
      fail(`${name}: ${(error as Error).message}`);
    } else {
      // A bug: the stack helps whoever reports it; it holds paths of the bundle, not data.
      fail(`${name}: internal error: ${(error as Error)?.message ?? String(error)}`);
      core.debug(neutralise((error as Error)?.stack ?? ''));
    }
  } finally {
    clearInterval(keepAlive);
    process.exitCode = failed ? 1 : 0;
  }
}
