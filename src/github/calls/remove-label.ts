import { defineCall, statusOf } from '../call.js';

// GitHub answers 404 when the issue does not carry the label; the caller's goal is met anyway.
export const removeLabel = defineCall('issues/remove-label', async (client, repo, number: number, label: string): Promise<void> => {
  try {
    await client.rest.issues.removeLabel({ ...repo, issue_number: number, name: label });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
});
