import { defineCall } from '../call.js';
import type { PullRequest } from '../port.js';

export const getPullRequest = defineCall('pulls/get', async (client, repo, number: number): Promise<PullRequest> => {
  const { data } = await client.rest.pulls.get({ ...repo, pull_number: number });
  return {
    number: data.number,
    author: data.user.login,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    headRef: data.head.ref,
    state: data.state,
    draft: data.draft ?? false,
  };
});
