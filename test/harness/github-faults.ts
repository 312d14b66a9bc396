// Failures the harness can play instead of an operation's normal answer, with the status,
// headers and message GitHub sends, so the client's retry and throttling plugins see what
// they would see in production.
// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api

export type Fault =
  /** Primary limit: 403 (or 429) with x-ratelimit-remaining: 0 and the reset time. */
  | { type: 'rate-limit'; status?: 403 | 429; resetAfterSeconds?: number }
  /** Secondary limit: 403 or 429 with retry-after and the "secondary rate limit" message. */
  | { type: 'secondary-rate-limit'; status?: 403 | 429; retryAfterSeconds?: number }
  | { type: 'server-error'; status: 500 | 502 | 503 };

export interface FaultReply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, string>;
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const LIMIT = 5000;

export function faultReply(fault: Fault, now: Date = new Date()): FaultReply {
  switch (fault.type) {
    case 'rate-limit': {
      const status = fault.status ?? 403;
      const reset = Math.floor(now.getTime() / 1000) + (fault.resetAfterSeconds ?? 1);
      return {
        status,
        headers: {
          'x-ratelimit-limit': String(LIMIT),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(LIMIT),
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        },
        body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: RATE_LIMIT_DOCS, status: String(status) },
      };
    }
    case 'secondary-rate-limit': {
      const status = fault.status ?? 403;
      return {
        status,
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
          status: String(status),
        },
      };
    }
    case 'server-error': {
      const message = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[fault.status];
      return { status: fault.status, headers: {}, body: { message, status: String(fault.status) } };
    }
  }
}
