// The production client (src/github/octokit.ts), pointed at a GitHubServer, with waits cut
// to milliseconds so retry and throttling tests run fast. Only the pacing changes: the plugins
// and their decisions are the ones the Actions use.
import Bottleneck from 'bottleneck';
import { createOctokit, type CreateOctokitOptions, type GitHubClient, type GitHubLogger } from '../../src/github/octokit.js';
import { OctokitGitHubPort } from '../../src/github/octokit-port.js';
import type { GitHubServer } from './github-server.js';

/** A logger that keeps every line, so tests can read what the client reported. */
export interface RecordingLogger extends GitHubLogger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: keep('debug'), warn: keep('warn') };
}

let clients = 0;

/**
 * Throttle and retry settings for tests. The throttling plugin paces writes (1 s apart, 3 s for
 * writes that notify) in groups shared by every client of the process; unpaced groups of our
 * own, and one millisecond per "second" of retry-after, keep its behaviour and drop the waiting.
 * Bottleneck comes with @octokit/plugin-throttling.
 */
export function fastClientTuning(): Pick<CreateOctokitOptions, 'throttle' | 'retry'> {
  const unpaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return {
    throttle: { id: `harness-${++clients}`, retryAfterBaseValue: 1, write: unpaced(), notifications: unpaced(), search: unpaced() },
    retry: { retryAfterBaseValue: 1 },
  };
}

export interface TestClient {
  client: GitHubClient;
  port: OctokitGitHubPort;
  logger: RecordingLogger;
}

export function createTestClient(server: GitHubServer, overrides: Partial<CreateOctokitOptions> = {}): TestClient {
  const logger = recordingLogger();
  const client = createOctokit({
    token: server.token,
    baseUrl: server.url,
    userAgent: 'sitrep-tests',
    logger,
    ...fastClientTuning(),
    ...overrides,
  });
  return { client, port: new OctokitGitHubPort(client, { owner: server.state.owner, repo: server.state.repo }), logger };
}
