import { defineCall } from '../call.js';
import type { Reviewers } from '../port.js';

// Not paginated: GitHub returns every pending request in one object.
export const listRequestedReviewers = defineCall('pulls/list-requested-reviewers', async (client, repo, number: number): Promise<Reviewers> => {
  const { data } = await client.rest.pulls.listRequestedReviewers({ ...repo, pull_number: number });
  return { users: data.users.map((user) => user.login), teams: data.teams.map((team) => team.slug) };
});
