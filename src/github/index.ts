// The GitHub adapter's public surface for src/actions and src/cli.
export * from './port.js';
export * from './errors.js';
export { createOctokit, type CreateOctokitOptions, type GitHubClient, type GitHubLogger, type RetryTuning, type ThrottleTuning } from './octokit.js';
export { OctokitGitHubPort } from './octokit-port.js';
