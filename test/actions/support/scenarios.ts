// Edits of the sample that make realistic incident PRs.
import type { SampleRepo } from './sample-pr.js';

export const INC_0002 = 'incidents/2026/INC-2026-0002.yaml';
export const INC_0004 = 'incidents/2026/INC-2026-0004.yaml';
export const HOSTILE = 'incidents/2025/INC-2025-0001.yaml';

/** Closes INC-2026-0002 (SEV4, producer payments-data) with a sign-off claim by `signer`. */
export function closeRefunds(sample: SampleRepo, signer = 'farah-haddad', team = 'payments-data'): void {
  sample.edit(INC_0002, 'status: verified', 'status: closed');
  sample.edit(INC_0002, 'resolved_at: 2026-11-23T11:00:00Z', 'resolved_at: 2026-11-23T11:00:00Z\nclosed_at: 2026-11-25T10:00:00Z');
  sample.edit(
    INC_0002,
    '\nmitigations:',
    `  - at: 2026-11-25T09:58:00Z
    by: hana-sato
    kind: decision
    text: Closing. ${signer} signed off for ${team}; M1 is a no-op and stays until the next view refactor.

mitigations:`,
  );
  const text = sample.read(INC_0002).trimEnd();
  sample.repo.write(INC_0002, `${text}\nsignoff:\n  - { team: ${team}, by: ${signer}, at: 2026-11-25T09:55:00Z }\n`);
}

/** Appends `entry` (YAML lines, indented as a list item) to the end of a top-level list of a file. */
export function appendToList(sample: SampleRepo, path: string, key: string, entry: string): void {
  const lines = sample.read(path).split('\n');
  const start = lines.indexOf(`${key}:`);
  if (start < 0) throw new Error(`${path} has no top-level ${key}:`);
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^[\s-]/.test(lines[end]) || lines[end].startsWith('#'))) end++;
  while (end > start + 1 && lines[end - 1] === '') end--;
  lines.splice(end, 0, entry.replace(/\n$/, ''));
  sample.repo.write(path, lines.join('\n'));
}

/** Adds a consumers update to INC-2026-0004 (SEV2, payments, contained; a severity that routes the platform). */
export function updatePayments(sample: SampleRepo, text = 'EU charges are back-filled up to 09:00 UTC. Next update by 12:00 UTC.'): void {
  appendToList(sample, INC_0004, 'updates', `  - at: 2026-11-25T09:30:00Z\n    audience: consumers\n    stage: root_cause\n    by: gus-lindqvist\n    text: ${JSON.stringify(text)}`);
}
