/** A small incident repo (config, ownership, incidents) written into a fixture git repo, for history and metrics tests. */
import { stringify } from 'yaml';
import type { FixtureRepo, Person } from '../support/git-fixture.js';

export const ALICE: Person = { name: 'Alice Nguyen', email: 'alice@example.com' };
export const BOB: Person = { name: 'Bob Okafor', email: 'bob@example.com' };
export const CAROL: Person = { name: 'Carol Mendes', email: 'carol@example.com' };

export const CONFIG = `version: 1
admins: platform
taxonomy:
  severities:
    - id: SEV1
      name: Critical
      description: Critical.
      time_boxes: { acknowledge: PT15M, contain: PT2H, resolve: PT12H, update_every: PT1H, review_within: P5D }
      signoff: [producer]
      review_required: true
    - id: SEV2
      name: Major
      description: Major.
      time_boxes: { acknowledge: PT30M, contain: PT4H, resolve: P1D, update_every: PT2H, review_within: P10D }
      signoff: [producer]
      review_required: false
  symptoms:
    - { id: freshness, name: Late data }
    - { id: volume, name: Volume }
  impact_categories: []
  root_cause_categories:
    - { id: pipeline-bug, name: Pipeline bug }
    - { id: upstream-outage, name: Upstream outage }
rollup: { severities: [], external_impact: false, contract_breach: false }
clock_tolerance: PT5M
incidents:
  regression_window: P30D
`;

export const TEAMS = `teams:
  - { id: platform, name: Platform, github: "@acme/platform", members: [alice, bob, carol] }
  - { id: orders-data, name: Orders, github: "@acme/orders-data", members: [alice, bob] }
  - { id: payments-data, name: Payments, github: "@acme/payments-data", members: [carol] }
`;

export const ESCALATION = `policies:
  - { id: standard, levels: [{ after: PT30M, notify: ["team:platform"] }] }
executives: []
vendors: []
`;

export const ORDERS_DOMAIN = `domain: { id: orders, name: Orders, owner: orders-data, steward: alice }
datasets:
  - id: orders.fct_orders
    tier: 1
    producer: orders-data
    consumers: [payments-data]
    platform: platform
    contract: { time_to_detect: PT2H, time_to_repair: PT8H }
  - id: orders.dim_customers
    tier: 2
    producer: payments-data
    consumers: [orders-data]
    platform: platform
    contract: { time_to_repair: P1D }
  - id: orders.raw_events
    tier: 3
    producer: platform
    consumers: [orders-data]
    platform: platform
`;

/** Writes the config and ownership under `prefix` ('' or 'sub/dir/'). */
export function writeBase(repo: FixtureRepo, prefix = ''): void {
  repo.write(`${prefix}sitrep.config.yaml`, CONFIG);
  repo.write(`${prefix}ownership/teams.yaml`, TEAMS);
  repo.write(`${prefix}ownership/escalation.yaml`, ESCALATION);
  repo.write(`${prefix}ownership/domains/orders.yaml`, ORDERS_DOMAIN);
}

export function yamlOf(data: object): string {
  return stringify(data, { lineWidth: 0 });
}
