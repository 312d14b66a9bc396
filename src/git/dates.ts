/**
 * Git prints dates with the author's offset (`%aI`: 2025-08-03T08:12:00+02:00). Our outputs are UTC,
 * to the second, so two tools reading the same history print the same strings.
 */
export function toUtcIso(gitDate: string): string {
  const time = Date.parse(gitDate);
  if (Number.isNaN(time)) throw new Error(`git printed a date that is not ISO 8601: ${JSON.stringify(gitDate)}`);
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
