/**
 * The ownership side of a synthetic incident repo: people, teams with on-call rotations,
 * escalation policies, domains with datasets and acyclic lineage, runbooks, and the config.
 * Everything here is read by the incident generator (who may sign, which runbook applies).
 */
import { parse } from 'yaml';
import type { Rng } from './random.js';
import { day, flowList, flowMap, q, ts } from './yaml-text.js';
import type { Config } from '../../src/core/schema/config.js';

export interface Person { login: string; name: string }

export interface TeamW {
  id: string;
  name: string;
  kind: 'platform' | 'producer' | 'consumer';
  members: string[];
  leads: string[];
  chat: string;
  email: string;
  pager: string;
  /** Weekly hand-overs; empty for a team that only has a pager link or no on-call at all. */
  rotation: { login: string; from: number }[];
  oncall: 'rotation' | 'pager' | 'none';
  escalation: string;
}

export interface DatasetW {
  id: string;
  domain: string;
  name: string;
  layer: number;
  tier: number;
  producer: string;
  consumers: string[];
  platform: string;
  upstream: string[];
  /** Datasets that list this one upstream (filled after all are made). */
  downstream: string[];
  runbooks: string[];
  contract: { freshness: string; time_to_detect: string; time_to_repair: string; completeness: number };
}

export interface DomainW { id: string; name: string; description: string; owner: string; steward: string; datasets: DatasetW[] }

export interface RunbookW { id: string; title: string; owner: string; symptoms: string[] }

export interface World {
  configText: string;
  config: Config;
  people: Map<string, Person>;
  teams: TeamW[];
  team: Map<string, TeamW>;
  executives: { id: string; name: string; login: string; email: string }[];
  vendors: { id: string; name: string; contact: string; support_plan: string }[];
  domains: DomainW[];
  datasets: DatasetW[];
  dataset: Map<string, DatasetW>;
  runbooks: RunbookW[];
  /** Runbook id per symptom id. */
  runbookFor: Map<string, string>;
  /** Rendered ownership, runbook and config files by repo path. */
  files: Map<string, string>;
}

const FIRST: readonly (readonly [string, string])[] = [
  ['aiko', 'Aiko'], ['amara', 'Amara'], ['ana', 'Ana'], ['arjun', 'Arjun'], ['bea', 'Bea'], ['ben', 'Ben'], ['carla', 'Carla'],
  ['chen', 'Chen'], ['dana', 'Dana'], ['diego', 'Diego'], ['elif', 'Elif'], ['emma', 'Emma'], ['farid', 'Farid'], ['fatima', 'Fatima'],
  ['gabriel', 'Gabriel'], ['grace', 'Grace'], ['hana', 'Hana'], ['hugo', 'Hugo'], ['ines', 'Inès'], ['ivan', 'Ivan'], ['jana', 'Jana'],
  ['jose', 'José'], ['kai', 'Kai'], ['kemal', 'Kemal'], ['lea', 'Léa'], ['leo', 'Leo'], ['lina', 'Lina'], ['luca', 'Luca'],
  ['maya', 'Maya'], ['mei', 'Mei'], ['milan', 'Milan'], ['nadia', 'Nadia'], ['noah', 'Noah'], ['nora', 'Nora'], ['omar', 'Omar'],
  ['olga', 'Olga'], ['pablo', 'Pablo'], ['priya', 'Priya'], ['quinn', 'Quinn'], ['rafael', 'Rafael'], ['rosa', 'Rosa'], ['sami', 'Sami'],
  ['sara', 'Sara'], ['soren', 'Søren'], ['tariq', 'Tariq'], ['tess', 'Tess'], ['uma', 'Uma'], ['victor', 'Victor'], ['wen', 'Wen'],
  ['yara', 'Yara'], ['yusuf', 'Yusuf'], ['zoe', 'Zoë'],
];
const LAST: readonly (readonly [string, string])[] = [
  ['adeyemi', 'Adeyemi'], ['bauer', 'Bauer'], ['becker', 'Becker'], ['costa', 'Costa'], ['dubois', 'Dubois'], ['eriksen', 'Eriksen'],
  ['fischer', 'Fischer'], ['garcia', 'García'], ['haddad', 'Haddad'], ['ito', 'Ito'], ['jensen', 'Jensen'], ['kim', 'Kim'],
  ['kowalski', 'Kowalski'], ['lopez', 'López'], ['mensah', 'Mensah'], ['moreau', 'Moreau'], ['nakamura', 'Nakamura'], ['novak', 'Novák'],
  ['okafor', 'Okafor'], ['oliveira', 'Oliveira'], ['patel', 'Patel'], ['petrov', 'Petrov'], ['quispe', 'Quispe'], ['rossi', 'Rossi'],
  ['schmidt', 'Schmidt'], ['silva', 'Silva'], ['singh', 'Singh'], ['tanaka', 'Tanaka'], ['turner', 'Turner'], ['ueda', 'Ueda'],
  ['vargas', 'Vargas'], ['wagner', 'Wagner'], ['wang', 'Wang'], ['yilmaz', 'Yılmaz'], ['zhang', 'Zhang'], ['zielinski', 'Zieliński'],
];

const DOMAINS: readonly { id: string; name: string; entities: readonly string[] }[] = [
  { id: 'orders', name: 'Orders', entities: ['orders', 'order_items', 'carts', 'checkouts', 'returns', 'refunds', 'discounts', 'order_events'] },
  { id: 'payments', name: 'Payments', entities: ['payments', 'charges', 'payouts', 'chargebacks', 'invoices', 'settlements', 'fees', 'wallets'] },
  { id: 'customers', name: 'Customers', entities: ['customers', 'accounts', 'addresses', 'segments', 'consents', 'sessions', 'preferences', 'households'] },
  { id: 'marketing', name: 'Marketing', entities: ['campaigns', 'ad_spend', 'attribution', 'email_events', 'leads', 'promotions', 'affiliates', 'impressions'] },
  { id: 'inventory', name: 'Inventory', entities: ['stock_levels', 'warehouses', 'skus', 'replenishments', 'reservations', 'stock_moves', 'suppliers', 'cycle_counts'] },
  { id: 'logistics', name: 'Logistics', entities: ['shipments', 'deliveries', 'carriers', 'routes', 'parcels', 'tracking_events', 'delays', 'pickups'] },
  { id: 'finance', name: 'Finance', entities: ['ledger_entries', 'revenue', 'bookings', 'fx_rates', 'budgets', 'accruals', 'cost_centers', 'tax_lines'] },
  { id: 'product', name: 'Product', entities: ['products', 'prices', 'categories', 'reviews', 'catalog_changes', 'bundles', 'variants', 'listings'] },
  { id: 'support', name: 'Support', entities: ['tickets', 'conversations', 'csat', 'agents', 'escalations', 'macros', 'sla_breaches', 'callbacks'] },
  { id: 'identity', name: 'Identity', entities: ['users', 'logins', 'roles', 'devices', 'mfa_events', 'sso_sessions', 'permissions', 'api_keys'] },
];
const LAYERS = ['raw', 'stg', 'int', 'fct', 'dim', 'agg', 'mart'] as const;

const PLATFORM_TEAMS = ['data-infra', 'streaming-platform'];
const CONSUMER_TEAMS = [
  'finance-analytics', 'growth-analytics', 'ml-features', 'bi-reporting', 'risk-analytics', 'customer-insights', 'revenue-ops',
  'exec-reporting', 'data-science', 'supply-analytics', 'pricing', 'fraud-detection', 'partner-reporting', 'product-analytics',
  'compliance-reporting', 'marketing-ops', 'support-analytics', 'forecasting', 'experimentation', 'search-relevance',
];

const RUNBOOKS: readonly { id: string; title: string; symptoms: readonly string[] }[] = [
  { id: 'freshness-late-partition', title: 'Late or missing partitions', symptoms: ['freshness', 'availability'] },
  { id: 'volume-anomaly', title: 'Row counts or duplicates out of range', symptoms: ['volume', 'duplication'] },
  { id: 'schema-drift', title: 'Unexpected schema change', symptoms: ['schema'] },
  { id: 'wrong-values', title: 'Values disagree with the source of truth', symptoms: ['accuracy'] },
  { id: 'privacy-exposure', title: 'Personal data where it must not be', symptoms: ['privacy'] },
];

const titleCase = (id: string) => id.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
const WEEK = 7 * 24 * 3600_000;

export interface WorldOptions { datasets: number; teams: number; start: number; end: number; configText: string }

export function buildWorld(rng: Rng, o: WorldOptions): World {
  const configText = o.configText;
  const config = parse(configText) as Config;
  const people = new Map<string, Person>();
  const personRng = rng.fork('people');
  const newPerson = (): string => {
    for (;;) {
      const [f, fn] = personRng.pick(FIRST);
      const [l, ln] = personRng.pick(LAST);
      let login = `${f}-${l}`;
      if (people.has(login)) login = `${f}${l[0]}-${l}${personRng.int(2, 99)}`;
      if (people.has(login)) continue;
      people.set(login, { login, name: `${fn} ${ln}` });
      return login;
    }
  };

  // Teams: the admins (a platform team), more platform teams, one producer team per domain, consumers.
  const nTeams = Math.max(3, o.teams);
  const nDomains = Math.min(DOMAINS.length, Math.max(2, Math.round(o.datasets / 20)));
  const nPlatform = nTeams >= 12 ? 3 : nTeams >= 6 ? 2 : 1;
  const nProducer = Math.max(1, Math.min(nDomains, nTeams - nPlatform - 1));
  const nConsumer = nTeams - nPlatform - nProducer;
  const teamSpecs: { id: string; kind: TeamW['kind'] }[] = [
    { id: config.admins, kind: 'platform' },
    ...PLATFORM_TEAMS.slice(0, nPlatform - 1).map((id) => ({ id, kind: 'platform' as const })),
    ...DOMAINS.slice(0, nProducer).map((d) => ({ id: `${d.id}-data`, kind: 'producer' as const })),
    ...Array.from({ length: nConsumer }, (_, i) => ({
      id: i < CONSUMER_TEAMS.length ? CONSUMER_TEAMS[i] : `${CONSUMER_TEAMS[i % CONSUMER_TEAMS.length]}-${Math.floor(i / CONSUMER_TEAMS.length) + 1}`,
      kind: 'consumer' as const,
    })),
  ];
  const teamRng = rng.fork('teams');
  const firstMonday = (() => {
    const d = new Date(o.start - WEEK);
    const back = (d.getUTCDay() + 6) % 7;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back, 9);
  })();
  const teams: TeamW[] = teamSpecs.map(({ id, kind }) => {
    const members = Array.from({ length: teamRng.int(kind === 'consumer' ? 3 : 5, kind === 'consumer' ? 7 : 9) }, newPerson);
    const leads = members.slice(0, teamRng.int(1, 2));
    const oncall: TeamW['oncall'] = kind !== 'consumer' ? 'rotation' : teamRng.weighted([['rotation', 0.6], ['pager', 0.25], ['none', 0.15]] as const);
    const rotation: TeamW['rotation'] = [];
    if (oncall === 'rotation') {
      const order = teamRng.sample(members, members.length);
      let k = teamRng.int(0, order.length - 1);
      for (let t = firstMonday; t <= o.end; t += WEEK) rotation.push({ login: order[k++ % order.length], from: t });
    }
    return {
      id, name: titleCase(id), kind, members, leads, oncall, rotation,
      chat: `#${id}`,
      email: `${id}@acme.example`,
      pager: `https://acme.pagerduty.com/services/P${teamRng.hex(6).toUpperCase()}`,
      escalation: kind === 'platform' ? 'vendor-managed' : 'standard',
    };
  });
  const team = new Map(teams.map((t) => [t.id, t]));
  const platforms = teams.filter((t) => t.kind === 'platform');
  const producers = teams.filter((t) => t.kind === 'producer');
  const consumers = teams.filter((t) => t.kind === 'consumer');

  const executives = [
    { id: 'vp-data', name: 'VP Data', login: newPerson(), email: 'vp-data@acme.example' },
    { id: 'cdo', name: 'Chief Data Officer', login: newPerson(), email: 'cdo@acme.example' },
    { id: 'cfo', name: 'Chief Financial Officer', login: newPerson(), email: 'cfo@acme.example' },
  ];
  for (const e of executives) e.name = `${people.get(e.login)!.name}, ${e.name}`;
  const vendors = [
    { id: 'snowflake', name: 'Snowflake', contact: 'https://community.snowflake.com/s/support', support_plan: 'Business Critical, P1 response 1h' },
    { id: 'fivetran', name: 'Fivetran', contact: 'support@fivetran.example', support_plan: 'Enterprise, P1 response 4h' },
    { id: 'dbt-labs', name: 'dbt Labs', contact: 'https://support.getdbt.example', support_plan: 'Enterprise' },
    { id: 'aws', name: 'Amazon Web Services', contact: 'https://console.aws.amazon.com/support', support_plan: 'Enterprise On-Ramp' },
  ];

  const runbooks: RunbookW[] = RUNBOOKS.map((r, i) => ({
    id: r.id, title: r.title, symptoms: [...r.symptoms],
    owner: i === 0 || producers.length === 0 ? config.admins : producers[(i - 1) % producers.length].id,
  }));
  const runbookFor = new Map<string, string>();
  for (const r of runbooks) for (const s of r.symptoms) runbookFor.set(s, r.id);
  for (const s of config.taxonomy.symptoms) if (!runbookFor.has(s.id)) runbookFor.set(s.id, runbooks[0].id);

  // Datasets: layers in order across domains, upstream only to datasets made before (so no cycle).
  const dsRng = rng.fork('datasets');
  const domainDefs = DOMAINS.slice(0, nDomains);
  const perDomain = domainDefs.map((_, i) => Math.floor(o.datasets / nDomains) + (i < o.datasets % nDomains ? 1 : 0));
  const drafts: { domain: number; k: number; layer: number; name: string }[] = [];
  domainDefs.forEach((d, di) => {
    const used = new Set<string>();
    for (let k = 0; k < perDomain[di]; k++) {
      const layer = Math.min(LAYERS.length - 1, Math.floor((k * LAYERS.length) / perDomain[di]));
      let name = `${LAYERS[layer]}_${d.entities[k % d.entities.length]}`;
      if (used.has(name)) name = `${name}_${k}`;
      used.add(name);
      drafts.push({ domain: di, k, layer, name });
    }
  });
  drafts.sort((a, b) => a.layer - b.layer || a.domain - b.domain || a.k - b.k);
  const datasets: DatasetW[] = [];
  const domains: DomainW[] = domainDefs.map((d, di) => {
    const owner = producers.length ? producers[di % producers.length] : platforms[0];
    return {
      id: d.id, name: d.name, owner: owner.id, steward: owner.leads[0],
      description: `${d.name} data: ${d.entities.slice(0, 4).join(', ').replace(/_/g, ' ')} and what is derived from them.`,
      datasets: [],
    };
  });
  for (const dr of drafts) {
    const dom = domains[dr.domain];
    const id = `${dom.id}.${dr.name}`;
    const upstream: string[] = [];
    if (dr.layer > 0 && datasets.length) {
      const same = datasets.filter((d) => d.domain === dom.id && d.layer < dr.layer);
      for (let n = dsRng.int(1, 3); n > 0; n--) {
        const from = same.length && dsRng.chance(0.75) ? same : datasets;
        const up = dsRng.pick(from).id;
        if (!upstream.includes(up)) upstream.push(up);
      }
    }
    const tier = dsRng.weighted([[1, 0.25], [2, 0.45], [3, 0.3]] as const);
    const consumerIds = dsRng.sample(consumers.length ? consumers : teams.filter((t) => t.id !== dom.owner), dsRng.int(1, 4)).map((t) => t.id);
    if (producers.length > 1 && dsRng.chance(0.2)) {
      const other = dsRng.pick(producers).id;
      if (other !== dom.owner && !consumerIds.includes(other)) consumerIds.push(other);
    }
    const ds: DatasetW = {
      id, domain: dom.id, name: dr.name, layer: dr.layer, tier,
      producer: dom.owner,
      consumers: consumerIds,
      platform: dsRng.pick(platforms).id,
      upstream, downstream: [],
      runbooks: dsRng.sample(runbooks, dsRng.int(1, 2)).map((r) => r.id),
      contract: {
        freshness: tier === 1 ? 'PT6H' : tier === 2 ? 'PT12H' : 'P1D',
        time_to_detect: tier === 1 ? 'PT2H' : tier === 2 ? 'PT6H' : 'P1D',
        time_to_repair: tier === 1 ? 'PT12H' : tier === 2 ? 'P1D' : 'P3D',
        completeness: tier === 1 ? 0.999 : tier === 2 ? 0.99 : 0.95,
      },
    };
    datasets.push(ds);
    dom.datasets.push(ds);
  }
  const dataset = new Map(datasets.map((d) => [d.id, d]));
  for (const d of datasets) for (const u of d.upstream) dataset.get(u)!.downstream.push(d.id);
  for (const p of producers) if (domains.some((d) => d.owner === p.id && d.datasets.some((x) => x.tier === 1))) p.escalation = 'critical-data';

  const world: World = {
    configText, config, people, teams, team, executives, vendors, domains, datasets, dataset, runbooks, runbookFor, files: new Map(),
  };
  world.files.set('sitrep.config.yaml', configText);
  world.files.set('ownership/teams.yaml', renderTeams(world));
  world.files.set('ownership/escalation.yaml', renderEscalation(world));
  for (const d of domains) world.files.set(`ownership/domains/${d.id}.yaml`, renderDomain(d));
  for (const r of runbooks) world.files.set(`runbooks/${r.id}.yaml`, renderRunbook(r, rng.fork(`runbook/${r.id}`)));
  return world;
}

function renderTeams(w: World): string {
  let s = '# yaml-language-server: $schema=../schemas/teams.schema.json\n# Who is who. Owned by the admins team named in sitrep.config.yaml.\nteams:\n';
  for (const t of w.teams) {
    s += `  - id: ${q(t.id)}\n    name: ${q(t.name)}\n    github: ${q(`@acme-data/${t.id}`)}\n`;
    s += `    members: ${flowList(t.members)}\n    leads: ${flowList(t.leads)}\n`;
    s += `    channels: ${flowMap([['chat', q(t.chat)], ['email', q(t.email)], ['pager', t.oncall === 'none' ? undefined : q(t.pager)]])}\n`;
    if (t.oncall === 'pager') s += `    oncall: { pager: ${q(t.pager)} }\n`;
    if (t.oncall === 'rotation') {
      s += '    oncall:\n      rotation:\n';
      for (const r of t.rotation) s += `        - { login: ${q(r.login)}, from: ${ts(r.from)} }\n`;
    }
    s += `    escalation: ${t.escalation}\n`;
  }
  return s;
}

function renderEscalation(w: World): string {
  const admins = w.config.admins;
  const lead = w.team.get(admins)!.leads[0];
  const pol = (id: string, description: string, levels: [string, string[]][]) =>
    `  - id: ${id}\n    description: ${JSON.stringify(description)}\n    levels:\n${levels.map(([after, notify]) => `      - { after: ${after}, notify: ${flowList(notify)} }\n`).join('')}`;
  let s = '# yaml-language-server: $schema=../schemas/escalation.schema.json\npolicies:\n';
  s += pol('standard', 'Most teams: the platform on-call, then its lead, then the VP Data.', [
    ['PT1H', [`oncall:${admins}`]], ['PT4H', [`team:${admins}`, `user:${lead}`]], ['P1D', ['exec:vp-data']],
  ]);
  s += pol('critical-data', 'Producers of tier-1 datasets: fast paging, executives within the hour.', [
    ['PT15M', [`oncall:${admins}`]], ['PT1H', ['exec:vp-data']], ['PT4H', ['exec:cdo', 'vendor:snowflake']],
  ]);
  s += pol('vendor-managed', 'Platform teams whose stack is run by vendors.', [
    ['PT30M', ['vendor:snowflake', `oncall:${admins}`]], ['PT2H', ['vendor:fivetran', 'exec:vp-data']],
  ]);
  s += 'executives:\n';
  for (const e of w.executives) s += `  - ${flowMap([['id', q(e.id)], ['name', JSON.stringify(e.name)], ['login', q(e.login)], ['email', q(e.email)]])}\n`;
  s += 'vendors:\n';
  for (const v of w.vendors) s += `  - ${flowMap([['id', q(v.id)], ['name', q(v.name)], ['contact', q(v.contact)], ['support_plan', JSON.stringify(v.support_plan)]])}\n`;
  return s;
}

function renderDomain(d: DomainW): string {
  let s = `# yaml-language-server: $schema=../../schemas/domain.schema.json\ndomain:\n  id: ${q(d.id)}\n  name: ${q(d.name)}\n`;
  s += `  description: ${JSON.stringify(d.description)}\n  owner: ${q(d.owner)}\n  steward: ${q(d.steward)}\ndatasets:\n`;
  for (const ds of d.datasets) {
    s += `  - id: ${q(ds.id)}\n    description: ${JSON.stringify(`${LAYERS[ds.layer]} layer of ${ds.name.replace(/^[a-z]+_/, '').replace(/_/g, ' ')}, tier ${ds.tier}.`)}\n`;
    s += `    tier: ${ds.tier}\n    producer: ${q(ds.producer)}\n    consumers: ${flowList(ds.consumers)}\n    platform: ${q(ds.platform)}\n`;
    if (ds.upstream.length) s += `    upstream: ${flowList(ds.upstream)}\n`;
    s += `    runbooks: ${flowList(ds.runbooks)}\n    paths: ${flowList([`pipelines/${ds.domain}/${ds.name}/**`])}\n`;
    const c = ds.contract;
    s += `    contract: ${flowMap([['freshness', c.freshness], ['time_to_detect', c.time_to_detect], ['time_to_repair', c.time_to_repair], ['completeness', String(c.completeness)]])}\n`;
  }
  return s;
}

/** Evidence each stage must leave in the ledger before the incident leaves it. */
export const STAGE_EVIDENCE = {
  triage: ['hypothesis'],
  containment: ['change'],
  root_cause: ['evidence'],
  remediation: ['change'],
  verification: ['evidence'],
  closure: ['decision'],
} as const;

function renderRunbook(r: RunbookW, rng: Rng): string {
  const step = (action: string, role: string, rollback?: string) =>
    `      - ${flowMap([['action', JSON.stringify(action)], ['role', role], ['reversible', rollback ? 'true' : undefined], ['rollback', rollback ? JSON.stringify(rollback) : undefined]])}\n`;
  const stage = (name: keyof typeof STAGE_EVIDENCE, steps: string, exit: string[]) =>
    `  ${name}:\n    steps:\n${steps}    evidence: ${flowList([...STAGE_EVIDENCE[name]])}\n    exit_criteria: ${`[${exit.map((e) => JSON.stringify(e)).join(', ')}]`}\n`;
  const sym = r.symptoms.join(' or ');
  let s = `# yaml-language-server: $schema=../schemas/runbook.schema.json\nid: ${r.id}\ntitle: ${JSON.stringify(r.title)}\nowner: ${q(r.owner)}\n`;
  s += `description: ${JSON.stringify(`Use for ${sym} incidents on any dataset. Revision ${rng.int(2, 9)}, reviewed ${day(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28)))}.`)}\n`;
  s += `applies_to:\n  symptoms: ${flowList(r.symptoms)}\nstages:\n`;
  s += stage('triage', step('Confirm the alert against the dataset contract and scope the affected partitions.', 'owner') + step('Post the first consumer update in the incident channel.', 'comms'), ['Owner named', 'Impact and affected consumers written down']);
  s += stage('containment', step('Pause downstream jobs that read the affected partitions.', 'platform', 'Resume the paused jobs in dependency order.') + step('Mark the affected partitions as untrusted in the catalog.', 'producer', 'Clear the untrusted flag.'), ['Impact no longer growing']);
  s += stage('root_cause', step('Trace the fault upstream through lineage to where it entered.', 'producer'), ['Root cause category chosen']);
  s += stage('remediation', step('Fix the pipeline or source, then backfill the affected partitions.', 'producer'), ['Backfill complete']);
  s += stage('verification', step('Compare row counts and key metrics against the baseline.', 'verifier') + step('Confirm with the main consumers.', 'comms'), ['All checks passed with evidence']);
  s += stage('closure', step('Collect the sign-offs and schedule the review.', 'owner'), ['Sign-offs recorded']);
  return s;
}
