/**
 * Ownership and runbook changes. Removing (or renaming the id of) a team, a domain, a dataset or a
 * runbook that an open incident in head still references is an error, reported where the entity
 * was defined in base. An incident references a team through impact.consumers, remediation
 * owners, sign-offs, action items, `team:`/`oncall:` escalations, and as producer or platform of
 * its datasets (per base); a dataset through `datasets` and root_cause.entered_at.
 */
import type { Finding, YamlPath } from '../../finding.js';
import type { Incident } from '../../schema/incident.js';
import type { RepoIndex } from '../../repo-index.js';
import { parseTarget } from '../../targets.js';
import type { ChangeRule } from '../types.js';
import { isObj, list } from '../values.js';

type Kind = 'team' | 'domain' | 'dataset' | 'runbook';

interface Entity { kind: Kind; id: string; file: string; path: YamlPath }

/** Where each entity is defined in an index. */
function entities(idx: RepoIndex): Entity[] {
  const out: Entity[] = [];
  const teams = idx.model.teams;
  if (teams && isObj(teams.data)) {
    list<{ id?: unknown }>(teams.data.teams).forEach((t, i) => {
      if (isObj(t) && typeof t.id === 'string') out.push({ kind: 'team', id: t.id, file: teams.path, path: ['teams', i, 'id'] });
    });
  }
  for (const [id, d] of idx.domains) out.push({ kind: 'domain', id, file: d.path, path: ['domain', 'id'] });
  for (const [id, d] of idx.datasets) out.push({ kind: 'dataset', id, file: d.path, path: ['datasets', d.index, 'id'] });
  for (const [id, r] of idx.runbooks) out.push({ kind: 'runbook', id, file: r.path, path: ['id'] });
  return out;
}

/** Every team, domain, dataset and runbook an incident references (teams through its datasets per `via`). */
export function incidentReferences(inc: Incident, via: RepoIndex): Map<Kind, Set<string>> {
  const refs = new Map<Kind, Set<string>>([['team', new Set()], ['domain', new Set()], ['dataset', new Set()], ['runbook', new Set()]]);
  const add = (k: Kind, v: unknown) => { if (typeof v === 'string') refs.get(k)!.add(v); };
  add('domain', inc.domain);
  add('runbook', inc.runbook);
  list(inc.datasets).forEach((d) => {
    add('dataset', d);
    const ds = typeof d === 'string' ? via.datasets.get(d)?.dataset : undefined;
    add('team', ds?.producer);
    add('team', ds?.platform);
  });
  add('dataset', inc.root_cause?.entered_at);
  list(inc.impact?.consumers).forEach((t) => add('team', t));
  list<{ owner?: unknown }>(inc.remediation).forEach((r) => add('team', r?.owner));
  list<{ team?: unknown }>(inc.signoff).forEach((s) => add('team', s?.team));
  list<{ owner?: unknown }>(inc.review?.action_items).forEach((a) => add('team', a?.owner));
  list<{ to?: unknown }>(inc.escalations).forEach((e) => {
    const t = typeof e?.to === 'string' ? parseTarget(e.to) : undefined;
    if (t && (t.kind === 'team' || t.kind === 'oncall')) add('team', t.id);
  });
  return refs;
}

export const ownershipInUse: ChangeRule = {
  name: 'ownership-in-use',
  run(ctx) {
    if (!ctx.ownershipChanged) return;
    const inHead = new Set(entities(ctx.head).map((e) => `${e.kind}:${e.id}`));
    const removed = entities(ctx.base).filter((e) => !inHead.has(`${e.kind}:${e.id}`));
    if (!removed.length) return;
    const users = new Map<string, string[]>();
    for (const inc of ctx.openIncidents) {
      if (!isObj(inc.data)) continue;
      for (const [kind, ids] of incidentReferences(inc.data, ctx.base)) {
        for (const id of ids) {
          const key = `${kind}:${id}`;
          users.set(key, [...(users.get(key) ?? []), String(inc.data.id ?? inc.path)]);
        }
      }
    }
    for (const e of removed) {
      const using = users.get(`${e.kind}:${e.id}`);
      if (!using?.length) continue;
      const shown = using.length > 5 ? `${using.slice(0, 5).join(', ')} and ${using.length - 5} more` : using.join(', ');
      const f: Finding = {
        code: 'OWNERSHIP_IN_USE', file: e.file, place: { path: e.path }, inBase: true,
        message: `${e.kind} ${e.id} is removed, but open incident${using.length > 1 ? 's' : ''} ${shown} still reference${using.length > 1 ? '' : 's'} it`,
      };
      ctx.report(f);
    }
  },
};
