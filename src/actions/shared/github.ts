/**
 * The one place an Action builds its GitHub client: the token is masked first (core.setSecret,
 * so the runner hides it from every log line after), then the real Octokit with the retry and
 * throttling plugins (src/github/octokit.ts) is pointed at GITHUB_API_URL for GITHUB_REPOSITORY.
 */
import * as core from '@actions/core';
import { createOctokit, OctokitGitHubPort, type GitHubPort } from '../../github/index.js';
import { ActionInputError, type ActionEnv } from './env.js';
import { neutralise } from './log.js';

declare const SITREP_VERSION: string | undefined;

export const USER_AGENT = `sitrep-actions/${typeof SITREP_VERSION === 'string' ? SITREP_VERSION : 'dev'}`;

export function githubPort(env: ActionEnv, inputName = 'token'): GitHubPort {
  const token = core.getInput(inputName).trim();
  if (!token) throw new ActionInputError(`input \`${inputName}\` is empty: pass a token, e.g. \${{ github.token }}`);
  core.setSecret(token);
  const client = createOctokit({
    token,
    baseUrl: env.apiUrl,
    userAgent: USER_AGENT,
    logger: { debug: (m) => core.debug(neutralise(m)), warn: (m) => core.warning(neutralise(m)) },
  });
  return new OctokitGitHubPort(client, env.repo);
}
