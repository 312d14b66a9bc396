/**
 * What the history reader says about one incident: the commits that touched its file, and what
 * each one changed. Pure data: src/git streams the commits, ./diff.ts compares two versions.
 */
import type { TimestampField } from '../lifecycle.js';

/** One thing a commit changed in an incident file. */
export type IncidentChange =
  /** The file appeared (first version), with its status at that point. */
  | { kind: 'created'; status?: string; severity?: string; owner?: string }
  | { kind: 'deleted' }
  | { kind: 'renamed'; from: string; to: string }
  /** `back` is true when the status moved to an earlier stage (a reopen). */
  | { kind: 'status'; from?: string; to?: string; back: boolean }
  | { kind: 'severity'; from?: string; to?: string }
  | { kind: 'owner'; from?: string; to?: string }
  /** A lifecycle timestamp was set, changed or removed. */
  | { kind: 'timestamp'; field: TimestampField; from?: string; to?: string }
  | { kind: 'ledger-added'; index: number; at?: string; by?: string; entryKind?: string; text?: string }
  /** An existing ledger entry was edited (`at`, `text`: the new entry) or removed: the ledger is append-only. */
  | { kind: 'ledger-rewritten'; index: number; removed: boolean; at?: string; text?: string }
  | { kind: 'update-added'; index: number; at?: string; by?: string; audience?: string; stage?: string; text?: string }
  | { kind: 'update-rewritten'; index: number; removed: boolean; at?: string; text?: string }
  | { kind: 'mitigation-applied'; id: string; at?: string }
  | { kind: 'mitigation-rolled-back'; id: string; at?: string }
  | { kind: 'signoff-added'; team: string; by?: string; at?: string }
  | { kind: 'signoff-removed'; team: string; by?: string }
  /**
   * Another dated entry was set or changed: `field` is its place in the file as the timeline
   * writes it (`escalations[0]`, `remediation[1].done_at`, `verification[0]`, `review.held_at`,
   * `review.action_items[2].done_at`), `at` its new time.
   */
  | { kind: 'dated'; field: string; at: string }
  /** This version of the file is not a YAML mapping: nothing could be compared. */
  | { kind: 'unreadable'; reason: string };

export type IncidentChangeKind = IncidentChange['kind'];

/** A commit that touched an incident's file. */
export interface IncidentCommit {
  sha: string;
  author: { name: string; email: string };
  /** Author date, UTC ISO: when it was recorded. */
  at: string;
  /** Committer date, UTC ISO: the latest moment the content can have been written. */
  committedAt: string;
  /** The pull request that brought it in (own subject, or the merge that brought it). */
  pr?: number;
  subject: string;
  /** The file's path after this commit (before it, for a deletion). */
  path: string;
  /** The path before, for a rename. */
  oldPath?: string;
  /** A merge commit; its changes are those against its first parent. */
  merge: boolean;
  changes: IncidentChange[];
}

/** A one-line summary of a change, for timelines and tables. */
export function describeChange(c: IncidentChange): string {
  switch (c.kind) {
    case 'created': return `created${c.status ? ` as ${c.status}` : ''}${c.severity ? ` (${c.severity})` : ''}`;
    case 'deleted': return 'deleted the file';
    case 'renamed': return `renamed ${c.from} → ${c.to}`;
    case 'status': return `status ${c.from ?? '∅'} → ${c.to ?? '∅'}${c.back ? ' (moved back)' : ''}`;
    case 'severity': return `severity ${c.from ?? '∅'} → ${c.to ?? '∅'}`;
    case 'owner': return `owner ${c.from ?? '∅'} → ${c.to ?? '∅'}`;
    case 'timestamp': return c.to ? `${c.field} ${c.from ? `${c.from} → ` : ''}${c.to}` : `removed ${c.field}`;
    case 'ledger-added': return `ledger[${c.index}]${c.entryKind ? ` ${c.entryKind}` : ''}`;
    case 'ledger-rewritten': return `${c.removed ? 'removed' : 'edited'} ledger[${c.index}]`;
    case 'update-added': return `update[${c.index}]${c.audience ? ` to ${c.audience}` : ''}`;
    case 'update-rewritten': return `${c.removed ? 'removed' : 'edited'} update[${c.index}]`;
    case 'mitigation-applied': return `mitigation ${c.id} applied`;
    case 'mitigation-rolled-back': return `mitigation ${c.id} rolled back`;
    case 'signoff-added': return `sign-off ${c.team}${c.by ? ` by ${c.by}` : ''}`;
    case 'signoff-removed': return `removed sign-off ${c.team}`;
    case 'dated': return `${c.field} ${c.at}`;
    case 'unreadable': return `unreadable version (${c.reason})`;
  }
}
