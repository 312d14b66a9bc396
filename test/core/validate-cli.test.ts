/**
 * Breaks a copy of the sample repo in each way a person or a tool can, and runs the real
 * CLI: exit 1, the right code at the right file and line, and never a stack trace.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { copySample, lineOf, type SampleCopy } from '../support/sample-repo.js';
import { hasStackTrace, runCli } from '../support/run-cli.js';

let repo: SampleCopy;
beforeEach(() => { repo = copySample(); });
afterEach(() => repo.cleanup());

const validate = (...args: string[]) => runCli(['validate', ...args], { cwd: repo.dir });

/** The sample's incident files, with their parsed status. */
function incidents(): { path: string; status: string; text: string }[] {
  const out: { path: string; status: string; text: string }[] = [];
  for (const year of readdirSync(join(repo.dir, 'incidents')).sort()) {
    for (const f of readdirSync(join(repo.dir, 'incidents', year)).sort()) {
      const path = `incidents/${year}/${f}`;
      const text = repo.read(path);
      out.push({ path, status: /^status:\s*(\w+)/m.exec(text)?.[1] ?? '', text });
    }
  }
  return out;
}
const firstWith = (status: string) => {
  const found = incidents().find((i) => i.status === status);
  if (!found) throw new Error(`the sample has no ${status} incident`);
  return found;
};

/** Edits one incident through the yaml Document API, keeping the rest of the file as it was. */
function edit(path: string, change: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(repo.read(path));
  change(doc);
  const text = doc.toString();
  repo.write(path, text);
  return text;
}

function expectFinding(run: ReturnType<typeof validate>, file: string, line: number, code: string) {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  expect(run.stdout).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:${line}:\\d+  error  ${code}  `, 'm'));
}

describe('sitrep validate on the sample repo', () => {
  it('is clean, as JSON too', () => {
    const text = validate();
    expect(text.code, text.stdout).toBe(0);
    const json = validate('--format', 'json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(out.summary.incidents).toBeGreaterThanOrEqual(12);
  });
});

describe('bad input gives a diagnostic at the right place, exit 1', () => {
  const NEW = 'incidents/2026/INC-2026-0999.yaml';

  it('malformed YAML', () => {
    const { path, text } = firstWith('closed');
    repo.write(path, `${text}\nsummary: "unterminated\nnext: 1\n`);
    const run = validate();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${path}:\\d+:\\d+  error  YAML_SYNTAX`, 'm'));
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
  });

  it('a tab used for indentation', () => {
    const { path, text } = firstWith('closed');
    const lines = text.split('\n');
    const at = lineOf(text, /^impact:/);
    lines.splice(at, 0, '\tnote: tabbed');
    repo.write(path, lines.join('\n'));
    expectFinding(validate(), path, at + 1, 'YAML_TAB');
  });

  it('a duplicate key', () => {
    const { path, text } = firstWith('triaged');
    repo.write(path, `${text.trimEnd()}\nseverity: SEV1\n`);
    expectFinding(validate(), path, text.trimEnd().split('\n').length + 1, 'YAML_DUPLICATE_KEY');
  });

  it('an alias bomb', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lines.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
    repo.write(NEW, `${lines.join('\n')}\n`);
    const run = validate();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${NEW}:\\d+:\\d+  error  YAML_ALIAS_LIMIT`, 'm'));
  });

  it('a file over the size limit', () => {
    repo.write(NEW, `id: INC-2026-0999\ntitle: "${'x'.repeat(4_100_000)}"\n`);
    expectFinding(validate(), NEW, 1, 'FILE_TOO_LARGE');
  });

  it('a binary file', () => {
    repo.write(NEW, Buffer.from([0x69, 0x64, 0x3a, 0x20, 0x00, 0x01, 0x02, 0x0a]));
    expectFinding(validate(), NEW, 1, 'FILE_BINARY');
  });

  it('a file that is not UTF-8', () => {
    repo.write(NEW, Buffer.concat([Buffer.from('id: INC-2026-0999\ntitle: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    expectFinding(validate(), NEW, 2, 'FILE_ENCODING');
  });

  it('an empty file', () => {
    repo.write(NEW, '');
    expectFinding(validate(), NEW, 1, 'FILE_EMPTY');
  });

  it('a top-level list where a mapping belongs', () => {
    repo.write(NEW, '- id: INC-2026-0999\n- title: x\n');
    expectFinding(validate(), NEW, 1, 'FILE_NOT_MAPPING');
  });

  it('an unknown field, with the nearest known name in the hint', () => {
    const { path, text } = firstWith('closed');
    repo.replace(path, /^severity:/m, 'severty:');
    const run = validate();
    expectFinding(run, path, lineOf(text, /^severity:/), 'SCHEMA_UNKNOWN_FIELD');
    expect(run.stdout).toContain('did you mean `severity`?');
  });

  it('a wrong type', () => {
    const { path } = firstWith('closed');
    const text = edit(path, (d) => d.set('drill', 'maybe'));
    expectFinding(validate(), path, lineOf(text, /^drill:/), 'SCHEMA_TYPE');
  });

  it('an invalid date', () => {
    const { path } = firstWith('closed');
    const text = edit(path, (d) => d.set('detected_at', '2025-13-45T00:00:00Z'));
    expectFinding(validate(), path, lineOf(text, /^detected_at:/), 'SCHEMA_TIMESTAMP');
  });

  it('an invalid duration', () => {
    const text = repo.read('sitrep.config.yaml');
    repo.replace('sitrep.config.yaml', 'acknowledge: PT15M', 'acknowledge: 15 minutes');
    expectFinding(validate(), 'sitrep.config.yaml', lineOf(text, /acknowledge: PT15M/), 'SCHEMA_DURATION');
  });
});

describe('semantic mistakes give a diagnostic at the right place, exit 1', () => {
  it('a dangling owner', () => {
    const { path } = firstWith('triaged');
    const text = edit(path, (d) => d.setIn(['roles', 'owner'], 'nobody-here'));
    expectFinding(validate(), path, lineOf(text, /owner: nobody-here/), 'REF_LOGIN');
  });

  it('an unknown dataset', () => {
    const { path } = firstWith('contained');
    const text = edit(path, (d) => d.setIn(['datasets', 0], 'orders.no_such_table'));
    expectFinding(validate(), path, lineOf(text, /orders\.no_such_table/), 'REF_DATASET');
  });

  it('timestamps out of order', () => {
    const { path } = firstWith('remediated');
    const text = edit(path, (d) => d.set('acknowledged_at', '2000-01-01T00:00:00Z'));
    expectFinding(validate(), path, lineOf(text, /^acknowledged_at:/), 'TIME_ORDER');
  });

  it('a timestamp of a later stage', () => {
    const { path } = firstWith('triaged');
    const text = edit(path, (d) => d.set('resolved_at', '2030-01-01T00:00:00Z'));
    expectFinding(validate(), path, lineOf(text, /^resolved_at:/), 'TIME_LATER_STAGE');
  });

  it('a closed incident with no root cause', () => {
    const { path } = firstWith('closed');
    const text = edit(path, (d) => d.delete('root_cause'));
    expectFinding(validate(), path, lineOf(text, /^status:/), 'STATUS_REQUIREMENT');
  });

  it('a reversible mitigation without rollback', () => {
    const inc = incidents().find((i) => /reversible: true/.test(i.text) && i.status !== 'detected');
    if (!inc) throw new Error('the sample has no reversible mitigation');
    const doc = parseDocument(inc.text);
    const mitigations = doc.get('mitigations') as { items: { get(k: string): unknown; delete(k: string): void }[] };
    const i = mitigations.items.findIndex((m) => m.get('reversible') === true);
    mitigations.items[i].delete('rollback');
    repo.write(inc.path, doc.toString());
    const run = validate();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${inc.path}:\\d+:\\d+  error  MITIGATION_ROLLBACK`, 'm'));
  });

  it('escalation levels out of order', () => {
    const path = 'ownership/escalation.yaml';
    const doc = parseDocument(repo.read(path));
    const levels = doc.getIn(['policies', 0, 'levels']) as { items: unknown[] };
    levels.items.reverse();
    repo.write(path, doc.toString());
    const run = validate();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ownership\/escalation\.yaml:\d+:\d+  error  ESCALATION_ORDER/m);
  });

  it('reports only on the paths asked for, still reading everything for references', () => {
    const { path } = firstWith('triaged');
    edit(path, (d) => d.setIn(['roles', 'owner'], 'nobody-here'));
    expect(validate('ownership').code).toBe(0);
    expect(validate(path).code).toBe(1);
  });
});

describe('usage errors exit 2', () => {
  it('an unknown option', () => {
    const run = validate('--frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: sitrep validate');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
  it('a bad --format', () => {
    expect(validate('--format', 'xml').code).toBe(2);
  });
});
