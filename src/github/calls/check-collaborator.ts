import { defineCall, statusOf } from '../call.js';

// GitHub answers 204 for a collaborator and 404 for anyone else.
export const checkCollaborator = defineCall('repos/check-collaborator', async (client, repo, login: string): Promise<boolean> => {
  try {
    await client.rest.repos.checkCollaborator({ ...repo, username: login });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
});
