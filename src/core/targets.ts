/** Escalation targets (`kind:id`) → the people, teams and channels they mean. */
import { oncallAt, type RepoIndex } from './repo-index.js';

export type TargetKind = 'oncall' | 'team' | 'user' | 'exec' | 'vendor';

export interface ResolvedTarget {
  target: string;
  kind: TargetKind;
  id: string;
  /** Whether the id exists in ownership. */
  known: boolean;
  /** GitHub logins to mention. */
  logins: string[];
  /** GitHub teams ("@org/slug") to mention. */
  githubTeams: string[];
  /** How to reach them outside GitHub: chat channel, pager, email, vendor contact. */
  channels: string[];
}

export function parseTarget(target: string): { kind: TargetKind; id: string } | undefined {
  const m = /^(oncall|team|user|exec|vendor):(.+)$/.exec(target);
  return m ? { kind: m[1] as TargetKind, id: m[2] } : undefined;
}

/** `at` is the time the target is needed (for the on-call rotation). */
export function resolveTarget(idx: RepoIndex, target: string, at: number): ResolvedTarget | undefined {
  const p = parseTarget(target);
  if (!p) return undefined;
  const base: ResolvedTarget = { target, kind: p.kind, id: p.id, known: false, logins: [], githubTeams: [], channels: [] };
  switch (p.kind) {
    case 'oncall':
    case 'team': {
      const team = idx.teams.get(p.id);
      if (!team) return base;
      const ch = team.channels;
      const channels = [ch?.pager ?? team.oncall?.pager, ch?.chat, ch?.email].filter((c): c is string => !!c);
      if (p.kind === 'team') return { ...base, known: true, githubTeams: [team.github], channels };
      const who = oncallAt(team, at);
      // A team with only a pager link has no known on-call person: page it and mention the team.
      return who
        ? { ...base, known: true, logins: [who], channels }
        : { ...base, known: true, githubTeams: [team.github], channels };
    }
    case 'user': {
      const known = idx.teamsOfLogin.has(p.id) || [...idx.executives.values()].some((e) => e.login === p.id);
      return { ...base, known, logins: known ? [p.id] : [] };
    }
    case 'exec': {
      const e = idx.executives.get(p.id);
      return e ? { ...base, known: true, logins: [e.login], channels: e.email ? [e.email] : [] } : base;
    }
    case 'vendor': {
      const v = idx.vendors.get(p.id);
      return v ? { ...base, known: true, channels: [v.contact] } : base;
    }
  }
}
