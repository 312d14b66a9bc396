// The one place that builds the Octokit client: the real @octokit/rest with the retry and
// throttling plugins, as release-please and probot do.
import { retry, type RetryOptions } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import {
  DO_NOT_RETRY_STATUSES,
  MAX_RATE_LIMIT_RETRIES,
  MAX_RATE_LIMIT_WAIT_SECONDS,
  MAX_SECONDARY_RATE_LIMIT_RETRIES,
  MAX_SERVER_ERROR_RETRIES,
} from './limits.js';

const SitrepOctokit = Octokit.plugin(retry, throttling);

export type GitHubClient = InstanceType<typeof SitrepOctokit>;

/** Where the client reports each request (debug), and retries and deprecations (warn). */
export interface GitHubLogger {
  debug(message: string): void;
  warn(message: string): void;
}

/**
 * Pacing knobs of the throttling plugin. Defaults follow GitHub's guidance (one write per
 * second); tests pass short waits and unpaced groups.
 */
export type ThrottleTuning = Partial<
  Pick<ThrottlingOptions, 'retryAfterBaseValue' | 'fallbackSecondaryRateRetryAfter' | 'write' | 'notifications' | 'search' | 'id'>
>;

/** Back-off knobs of the retry plugin (`retryAfterBaseValue` is the back-off unit in ms). */
export type RetryTuning = Pick<RetryOptions, 'retryAfterBaseValue'>;

export interface CreateOctokitOptions {
  token: string;
  /** e.g. https://api.github.com, or GITHUB_API_URL on GitHub Enterprise Server. */
  baseUrl: string;
  userAgent: string;
  fetch?: typeof globalThis.fetch;
  logger?: GitHubLogger;
  throttle?: ThrottleTuning;
  retry?: RetryTuning;
}

const consoleLogger: GitHubLogger = {
  debug: () => {},
  warn: (message) => console.warn(message),
};

type LimitKind = 'rate limit' | 'secondary rate limit';

/** A throttling handler: retry while under `maxRetries` and the wait is bearable. */
function limitHandler(kind: LimitKind, maxRetries: number, logger: GitHubLogger) {
  return (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    const request = `${options.method} ${options.url}`;
    if (retryCount >= maxRetries || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
      logger.warn(`GitHub ${kind} on ${request}: giving up after ${retryCount} retries (next wait ${retryAfter}s)`);
      return false;
    }
    logger.warn(`GitHub ${kind} on ${request}: retry ${retryCount + 1}/${maxRetries} in ${retryAfter}s`);
    return true;
  };
}

/**
 * Octokit's log, fed to our logger. Only the message goes through: Octokit passes the request
 * options (headers included) as extra arguments. Its request log reports every non-2xx as an
 * error, even the 404 that means "not a collaborator"; the port decides what is an error, so
 * those per-request lines are debug.
 */
function octokitLog(logger: GitHubLogger) {
  const debug = (message: string) => logger.debug(message);
  return { debug, info: debug, error: debug, warn: (message: string) => logger.warn(message) };
}

export function createOctokit(options: CreateOctokitOptions): GitHubClient {
  const logger = options.logger ?? consoleLogger;
  return new SitrepOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    log: octokitLog(logger),
    request: options.fetch ? { fetch: options.fetch } : {},
    retry: { retries: MAX_SERVER_ERROR_RETRIES, doNotRetry: DO_NOT_RETRY_STATUSES, ...options.retry },
    throttle: {
      ...options.throttle,
      onRateLimit: limitHandler('rate limit', MAX_RATE_LIMIT_RETRIES, logger),
      onSecondaryRateLimit: limitHandler('secondary rate limit', MAX_SECONDARY_RATE_LIMIT_RETRIES, logger),
    },
  });
}
