/**
 * The labels the route Action keeps on an incident PR: one per severity, domain and status of
 * the incidents it touches (their head version), named `<prefix>severity:SEV2`,
 * `<prefix>domain:orders`, `<prefix>status:contained` with the config's `github.label_prefix`.
 *
 * The route Action owns exactly the labels of that form: it adds the missing ones and removes
 * the ones that no longer apply (the status moved on), and leaves every other label alone.
 * With nothing to change it changes nothing, so a rerun makes no write.
 */
import type { Incident } from './schema/incident.js';

export const LABEL_KEYS = ['severity', 'domain', 'status'] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

/** GitHub refuses label names longer than this. */
export const MAX_LABEL_LENGTH = 50;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A label value: one line, no commas (GitHub's label list separator), at most the length GitHub allows. */
function labelName(prefix: string, key: LabelKey, value: string): string | undefined {
  const clean = value.replace(/[\s,]+/g, '-').replace(/[^\p{L}\p{N}._:-]/gu, '');
  const name = `${prefix}${key}:${clean}`;
  return clean && name.length <= MAX_LABEL_LENGTH ? name : undefined;
}

/** The labels the incidents call for, in key order, without duplicates. */
export function incidentLabels(incidents: readonly Incident[], prefix = ''): string[] {
  const out: string[] = [];
  for (const key of LABEL_KEYS) {
    for (const inc of incidents) {
      const value = inc?.[key];
      if (typeof value !== 'string') continue;
      const name = labelName(prefix, key, value);
      if (name && !out.some((l) => same(l, name))) out.push(name);
    }
  }
  return out;
}

/** Whether the route Action owns a label: `<prefix>severity:…`, `<prefix>domain:…`, `<prefix>status:…`. */
export function isManagedLabel(label: string, prefix = ''): boolean {
  const lower = label.toLowerCase();
  const p = prefix.toLowerCase();
  return lower.startsWith(p) && LABEL_KEYS.some((k) => lower.startsWith(`${p}${k}:`));
}

export interface LabelChanges {
  add: string[];
  remove: string[];
}

/** What to change so the PR carries exactly the wanted managed labels; other labels stay. */
export function labelChanges(current: readonly string[], wanted: readonly string[], prefix = ''): LabelChanges {
  return {
    add: wanted.filter((w) => !current.some((c) => same(c, w))),
    remove: current.filter((c) => isManagedLabel(c, prefix) && !wanted.some((w) => same(c, w))),
  };
}
