/**
 * Lookups over a loaded model: teams, people, datasets, runbooks, policies, targets.
 * Built defensively, because a file that failed structure validation still defines
 * the entities it can, so one typo does not turn every reference into an error.
 */
import type { RepoModel, Located } from './model.js';
import type { Team, Dataset, Domain, EscalationPolicy, EscalationFile } from './schema/ownership.js';
import type { Runbook } from './schema/runbook.js';
import type { Incident } from './schema/incident.js';
import type { Config, SeverityConfig } from './schema/config.js';
import { stemOf } from './schema/file-kinds.js';
import { fitsSchema } from './structure.js';
import { TeamSchema, DatasetSchema, EscalationFileSchema, DomainFileSchema } from './schema/ownership.js';
import type { TSchema } from '@sinclair/typebox';

const POLICY = EscalationFileSchema.properties.policies.items;
const EXECUTIVE = EscalationFileSchema.properties.executives.items;
const VENDOR = EscalationFileSchema.properties.vendors.items;
const DOMAIN = DomainFileSchema.properties.domain;

export interface DatasetEntry { dataset: Dataset; domain: Domain; path: string; index: number }

export interface RepoIndex {
  model: RepoModel;
  config?: Config;
  teams: Map<string, Team>;
  /** login → ids of the teams where the login is a member or lead, in file order. */
  teamsOfLogin: Map<string, string[]>;
  executives: Map<string, EscalationFile['executives'][number]>;
  vendors: Map<string, EscalationFile['vendors'][number]>;
  policies: Map<string, EscalationPolicy>;
  domains: Map<string, { domain: Domain; path: string }>;
  datasets: Map<string, DatasetEntry>;
  /** dataset id → ids of datasets that list it upstream. */
  downstream: Map<string, string[]>;
  runbooks: Map<string, Located<Runbook>>;
  incidentIds: Set<string>;
  incidents: Map<string, Located<Incident>>;
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
/** The items of a list; from a file that failed validation, only the items that fit their own schema. */
const items = <T>(v: unknown, fileValid: boolean, schema: TSchema): T[] => (fileValid ? arr<T>(v) : arr<T>(v).filter((x) => fitsSchema(schema, x)));
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';

export function buildIndex(model: RepoModel): RepoIndex {
  const idx: RepoIndex = {
    model,
    // A config that failed validation is not used: rules then skip what depends on it.
    config: model.config?.valid ? model.config.data : undefined,
    teams: new Map(), teamsOfLogin: new Map(), executives: new Map(), vendors: new Map(), policies: new Map(),
    domains: new Map(), datasets: new Map(), downstream: new Map(), runbooks: new Map(),
    incidentIds: new Set(model.incidentPaths.map(stemOf)),
    incidents: new Map(),
  };
  const teamsValid = model.teams?.valid ?? false;
  for (const t of items<Team>(isObj(model.teams?.data) ? model.teams!.data.teams : [], teamsValid, TeamSchema)) {
    if (idx.teams.has(t.id)) continue;
    idx.teams.set(t.id, t);
    for (const login of [...arr<unknown>(t.members), ...arr<unknown>(t.leads)]) {
      if (!str(login)) continue;
      const list = idx.teamsOfLogin.get(login) ?? [];
      if (!list.includes(t.id)) list.push(t.id);
      idx.teamsOfLogin.set(login, list);
    }
  }
  const esc = isObj(model.escalation?.data) ? model.escalation!.data : undefined;
  const escValid = model.escalation?.valid ?? false;
  for (const e of items<EscalationFile['executives'][number]>(esc?.executives, escValid, EXECUTIVE)) idx.executives.set(e.id, e);
  for (const v of items<EscalationFile['vendors'][number]>(esc?.vendors, escValid, VENDOR)) idx.vendors.set(v.id, v);
  for (const p of items<EscalationPolicy>(esc?.policies, escValid, POLICY)) if (!idx.policies.has(p.id)) idx.policies.set(p.id, p);
  for (const file of model.domains) {
    const d = isObj(file.data) ? file.data : undefined;
    if (!d || !(file.valid || fitsSchema(DOMAIN, d.domain))) continue;
    idx.domains.set(d.domain.id, { domain: d.domain, path: file.path });
    arr<Dataset>(d.datasets).forEach((ds, index) => {
      if ((file.valid || fitsSchema(DatasetSchema, ds)) && !idx.datasets.has(ds.id)) idx.datasets.set(ds.id, { dataset: ds, domain: d.domain, path: file.path, index });
    });
  }
  for (const [id, e] of idx.datasets) {
    for (const up of arr<unknown>(e.dataset.upstream)) {
      if (!str(up)) continue;
      const list = idx.downstream.get(up) ?? [];
      list.push(id);
      idx.downstream.set(up, list);
    }
  }
  // Runbooks and incidents are used whole, so only valid ones are indexed.
  for (const r of model.runbooks) if (r.valid && !idx.runbooks.has(r.data.id)) idx.runbooks.set(r.data.id, r);
  for (const i of model.incidents) if (i.valid) idx.incidents.set(i.data.id, i);
  return idx;
}

/** Whether a login is known: a member or lead of some team, or an executive. */
export function isKnownLogin(idx: RepoIndex, login: string): boolean {
  if (idx.teamsOfLogin.has(login)) return true;
  for (const e of idx.executives.values()) if (e.login === login) return true;
  return false;
}

export function isMemberOf(idx: RepoIndex, team: string, login: string): boolean {
  return idx.teamsOfLogin.get(login)?.includes(team) ?? false;
}

export function severityOf(idx: RepoIndex, id: string | undefined): SeverityConfig | undefined {
  return idx.config?.taxonomy.severities.find((s) => s.id === id);
}

/** The team of an incident owner: the one that produces an affected dataset, else the first team listed. */
export function ownerTeam(idx: RepoIndex, inc: Incident): string | undefined {
  const login = inc.roles?.owner;
  if (!login) return undefined;
  const teams = idx.teamsOfLogin.get(login) ?? [];
  const producers = new Set(inc.datasets.map((d) => idx.datasets.get(d)?.dataset.producer));
  return teams.find((t) => producers.has(t)) ?? teams[0];
}

/** The on-call login of a team at time T: the last rotation entry whose `from` ≤ T. */
export function oncallAt(team: Team | undefined, t: number): string | undefined {
  let who: string | undefined;
  for (const r of team?.oncall?.rotation ?? []) {
    if (Date.parse(r.from) <= t) who = r.login;
  }
  return who;
}

/** All datasets downstream of the given ones through lineage (not including them). */
export function downstreamOf(idx: RepoIndex, ids: readonly string[]): string[] {
  const seen = new Set<string>(ids);
  const out: string[] = [];
  const queue = [...ids];
  while (queue.length) {
    for (const d of idx.downstream.get(queue.shift()!) ?? []) {
      if (!seen.has(d)) { seen.add(d); out.push(d); queue.push(d); }
    }
  }
  return out;
}

/** Consumer teams to inform: direct consumers of the datasets and of everything downstream, plus impact.consumers. */
export function informedConsumers(idx: RepoIndex, inc: Incident): { team: string; via: string }[] {
  const out = new Map<string, string>();
  for (const t of inc.impact?.consumers ?? []) out.set(t, 'impact');
  for (const d of inc.datasets) for (const t of idx.datasets.get(d)?.dataset.consumers ?? []) if (!out.has(t)) out.set(t, d);
  for (const d of downstreamOf(idx, inc.datasets)) {
    const e = idx.datasets.get(d);
    if (e && !out.has(e.dataset.producer)) out.set(e.dataset.producer, `${d} (downstream)`);
    for (const t of e?.dataset.consumers ?? []) if (!out.has(t)) out.set(t, `${d} (downstream)`);
  }
  return [...out].map(([team, via]) => ({ team, via }));
}
