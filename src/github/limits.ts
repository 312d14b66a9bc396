// Every limit the GitHub adapter applies, in one place.

/** GitHub's maximum page size; fewer pages mean fewer requests against the rate limit. */
export const PER_PAGE = 100;

/** Retries after GitHub's primary rate limit (403/429 with x-ratelimit-remaining: 0). */
export const MAX_RATE_LIMIT_RETRIES = 2;

/** Retries after a secondary rate limit (403/429 "secondary rate limit", retry-after). */
export const MAX_SECONDARY_RATE_LIMIT_RETRIES = 2;

/**
 * The longest wait, in seconds, the adapter accepts before a rate-limit retry. A job that
 * would sleep longer (the primary limit resets hourly) fails fast and says so instead.
 */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 120;

/** Retries after a server error (5xx) or a dropped connection, with quadratic back-off. */
export const MAX_SERVER_ERROR_RETRIES = 3;

/**
 * Statuses the retry plugin must not retry. Client errors will not change on a retry, and
 * 403/429 rate limits are the throttling plugin's job (retrying them here too would bypass
 * its limits above).
 */
export const DO_NOT_RETRY_STATUSES = [400, 401, 403, 404, 410, 422, 429, 451];
