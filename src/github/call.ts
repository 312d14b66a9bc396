// How every file under calls/ is declared: one GitHub operation, with Octokit's errors turned
// into the port's plain errors so no Octokit type (or request header) leaks past the adapter.
import { GitHubApiError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './port.js';

export type Call<A extends unknown[], R> = (client: GitHubClient, repo: RepoRef, ...args: A) => Promise<R>;

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own `message` from an error response body, else the error's message. */
export function githubMessageOf(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}

/** `operation` is GitHub's operationId, the name the spec and the test harness use too. */
export function defineCall<A extends unknown[], R>(operation: string, run: Call<A, R>): Call<A, R> {
  return async (client, repo, ...args) => {
    try {
      return await run(client, repo, ...args);
    } catch (error) {
      if (error instanceof GitHubApiError) throw error;
      const status = statusOf(error);
      if (status === undefined) throw error;
      throw new GitHubApiError(operation, status, githubMessageOf(error));
    }
  };
}
