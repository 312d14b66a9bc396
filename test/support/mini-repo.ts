/**
 * A small, valid incident repo for the operations tests (authoring, watch, CODEOWNERS, drills):
 * two teams with rotations, one pager-only team, one domain with three datasets, two runbooks and
 * two escalation policies. Written as files (path → text) so a test can change one and commit.
 */
export const MINI_CONFIG = `# yaml-language-server: $schema=schemas/config.schema.json
version: 1
admins: platform            # owns ownership/teams.yaml and this file
taxonomy:
  severities:
    - id: SEV1
      name: Critical
      description: Business critical.
      time_boxes: { acknowledge: PT15M, contain: PT2H, resolve: PT12H, update_every: PT1H, review_within: P5D }
      signoff: [producer, platform, owner]
      review_required: true
    - id: SEV2
      name: Major
      description: Consumers blocked.
      time_boxes: { acknowledge: PT30M, contain: PT4H, resolve: P1D, update_every: PT2H, review_within: P10D }
      signoff: [producer, owner]
      review_required: true
    - id: SEV3
      name: Minor
      description: Degraded.
      time_boxes: { acknowledge: PT2H, contain: P1D, resolve: P3D, update_every: PT8H, review_within: P14D }
      signoff: [producer]
      review_required: false
  symptoms:
    - { id: freshness, name: Late data }
    - { id: volume, name: Volume anomaly }
  impact_categories:
    - { id: reporting, name: Reporting }
  root_cause_categories:
    - { id: infrastructure, name: Infrastructure }
    - { id: pipeline-bug, name: Pipeline bug }
rollup:
  severities: [SEV1]
  external_impact: true
  contract_breach: false
clock_tolerance: PT5M
`;

export const MINI_TEAMS = `# yaml-language-server: $schema=../schemas/teams.schema.json
# Teams. A comment that must survive.
teams:
  - id: platform
    name: Platform
    github: "@acme/platform"
    members: [pat, quinn]
    leads: [pat]
    channels: { chat: "#platform", pager: https://pager.example.com/platform }
    oncall:
      rotation:
        - { login: quinn, from: 2025-01-01T00:00:00Z }
        - { login: pat, from: 2025-08-01T00:00:00Z }
    escalation: standard
  - id: orders
    name: Orders Data
    github: "@acme/orders"
    members: [alice, bob, carol]
    leads: [alice]
    channels: { chat: "#orders", email: orders@example.com }
    oncall:
      rotation:
        - { login: bob, from: 2025-01-01T00:00:00Z }
        - { login: carol, from: 2025-08-03T00:00:00Z }
    escalation: critical
  - id: finance
    name: Finance Analytics
    github: "@acme/finance"
    members: [fred]
    oncall: { pager: https://pager.example.com/finance }
`;

export const MINI_ESCALATION = `# yaml-language-server: $schema=../schemas/escalation.schema.json
policies:
  - id: standard
    levels:
      - { after: PT0M, notify: [oncall:platform] }
      - { after: PT1H, notify: [team:platform, user:pat] }
  - id: critical
    levels:
      - after: PT0M
        notify: [oncall:orders]
      - after: PT30M
        notify: [team:platform, exec:vp-data]
      - after: PT2H
        notify: [exec:cfo, vendor:warehouse]
executives:
  - { id: vp-data, name: VP Data, login: vera, email: vera@example.com }
  - { id: cfo, name: CFO, login: carlos }
vendors:
  - { id: warehouse, name: Warehouse Inc, contact: support@warehouse.example.com }
`;

export const MINI_DOMAIN = `# yaml-language-server: $schema=../../schemas/domain.schema.json
domain:
  id: sales
  name: Sales
  owner: orders
  steward: alice
datasets:
  - id: sales.raw_orders
    tier: 2
    producer: orders
    consumers: [orders]
    platform: platform
    paths: ["/pipelines/sales/ingest/**"]
  - id: sales.fct_orders
    tier: 1
    producer: orders
    consumers: [finance]
    platform: platform
    upstream: [sales.raw_orders]
    runbooks: [late-partition]
    paths: ["/pipelines/sales/**", "dbt/models/sales/"]
  - id: sales.revenue
    tier: 1
    producer: finance
    consumers: [finance]
    platform: platform
    upstream: [sales.fct_orders]
    paths: ["/pipelines/sales/revenue/**"]
`;

export const MINI_RUNBOOK_LATE = `# yaml-language-server: $schema=../schemas/runbook.schema.json
id: late-partition
title: Late partition
owner: platform
applies_to:
  symptoms: [freshness]
  domains: [sales]
stages:
  triage:
    steps:
      - { action: Confirm the lag against the contract., role: owner }
      - { action: Check the scheduler., role: platform }
    evidence: [hypothesis]
    exit_criteria: [Lag measured.]
  containment:
    steps:
      - { action: Pin dashboards to the last good partition., role: owner, reversible: true, rollback: Unpin them. }
    evidence: [change]
  root_cause:
    steps:
      - { action: Find why the run did not finish., role: producer }
    evidence: [evidence]
  remediation:
    steps:
      - { action: Fix and backfill., role: producer }
  verification:
    steps:
      - { action: Compare counts with the baseline., role: verifier }
  closure:
    steps:
      - { action: Collect sign-offs., role: owner }
    evidence: [decision]
`;

export const MINI_RUNBOOK_VOLUME = `# yaml-language-server: $schema=../schemas/runbook.schema.json
id: volume-drop
title: Volume drop on revenue
owner: orders
applies_to:
  symptoms: [volume]
  datasets: [sales.revenue]
stages:
  triage:
    steps:
      - { action: Compare row counts., role: owner }
`;

export function miniRepoFiles(): Record<string, string> {
  return {
    'sitrep.config.yaml': MINI_CONFIG,
    'ownership/teams.yaml': MINI_TEAMS,
    'ownership/escalation.yaml': MINI_ESCALATION,
    'ownership/domains/sales.yaml': MINI_DOMAIN,
    'runbooks/late-partition.yaml': MINI_RUNBOOK_LATE,
    'runbooks/volume-drop.yaml': MINI_RUNBOOK_VOLUME,
  };
}

/** An incident file of the mini repo. */
export function miniIncident(id: string, fields: string): string {
  return `# yaml-language-server: $schema=../../schemas/incident.schema.json\nid: ${id}\n${fields.replace(/^\n/, '')}`;
}
