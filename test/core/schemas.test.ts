import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas, schemaFileName } from '../../src/core/schema/json-schemas.js';
import { diagnosticsMarkdown } from '../../src/core/diagnostic-docs.js';
import { formatsMarkdown } from '../../src/core/schema/format-docs.js';
import { REPO_ROOT } from '../support/paths.js';

const published = publishedSchemas();

describe('published JSON Schemas', () => {
  it('match the committed files in schemas/ (run `npm run schemas` after changing src/core/schema)', () => {
    const committed = readdirSync(join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json')).sort();
    expect(committed).toEqual(Object.keys(published).map(schemaFileName).sort());
    for (const [name, schema] of Object.entries(published)) {
      const onDisk = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', schemaFileName(name)), 'utf8'));
      expect(onDisk, `schemas/${schemaFileName(name)} is stale`).toEqual(schema);
    }
  });

  it('are draft-07 with an $id', () => {
    for (const s of Object.values(published) as { $schema: string; $id: string }[]) {
      expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(s.$id).toMatch(/^https:\/\/.+\.schema\.json$/);
    }
  });

  it('describe every field of the input files, so editors can explain them', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties) {
        for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (!v.description) missing.push(`${where}.${k}`);
          walk(v, `${where}.${k}`);
        }
      }
      if (n.items) walk(n.items, `${where}[]`);
    };
    for (const name of ['config', 'teams', 'escalation', 'domain', 'runbook', 'incident']) walk(published[name], name);
    expect(missing).toEqual([]);
  });

  it('keep the public incident contract: top-level names and statuses', () => {
    const inc = published.incident as { properties: Record<string, { enum?: string[] }> };
    for (const field of ['id', 'title', 'severity', 'status', 'symptom', 'domain', 'datasets', 'drill', 'impact', 'started_at', 'detected_at',
      'acknowledged_at', 'contained_at', 'remediated_at', 'resolved_at', 'closed_at', 'roles', 'channel', 'runbook', 'ledger', 'mitigations',
      'updates', 'root_cause', 'remediation', 'verification', 'signoff', 'escalations', 'review', 'regression_of', 'waivers']) {
      expect(inc.properties, field).toHaveProperty(field);
    }
    expect(inc.properties.status.enum).toEqual(['detected', 'triaged', 'contained', 'remediated', 'verified', 'closed', 'declined']);
  });
});

describe('docs/diagnostics.md', () => {
  it('is generated from the code table (run `npm run docs`)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8')).toBe(diagnosticsMarkdown());
  });
});

describe('docs/formats.md', () => {
  it('is generated from the schema sources (run `npm run docs`)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs', 'formats.md'), 'utf8')).toBe(formatsMarkdown());
  });
});
