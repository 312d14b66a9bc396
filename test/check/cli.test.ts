/**
 * `sitrep check` as a user runs it: the bundled bin, exit codes, text and JSON output (validated
 * against the published schema), and usage errors without stack traces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { hasStackTrace, runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/paths.js';
import type { FixtureRepo } from '../support/git-fixture.js';
import { branch, contained, createBaseRepo, incidentPath, lineOf, triaged, verified, yaml } from './fixture.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateOutput = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/check-result.schema.json'), 'utf8')));

type Obj = Record<string, unknown>;
let repo: FixtureRepo;
const P1 = incidentPath('INC-2025-0001');

function run(args: string[], cwd = repo.dir) {
  const r = runCli(['check', ...args], { cwd });
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  return r;
}
function json(args: string[]) {
  const r = run([...args, '--format', 'json']);
  const out = JSON.parse(r.stdout);
  expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
  return { code: r.code, out };
}

beforeAll(() => {
  repo = createBaseRepo((r) => r.write(incidentPath('INC-2025-0004'), yaml(verified())));
  branch(repo, 'legal', (r) => r.write(P1, yaml(contained())));
  const edited = triaged();
  (edited.ledger as Obj[])[0] = { ...(edited.ledger as Obj[])[0], text: 'The loader job is definitely stuck.' };
  branch(repo, 'edited', (r) => r.write(P1, yaml(edited)));
  branch(repo, 'closing', (r) => r.write(incidentPath('INC-2025-0004'), yaml({
    ...verified(), status: 'closed', closed_at: '2025-08-03T12:05:00Z', review: { due: '2025-08-13' },
    signoff: [{ team: 'orders-data', by: 'bob', at: '2025-08-03T12:00:00Z' }],
  })));
});
afterAll(() => repo.cleanup());

describe('sitrep check (CLI)', () => {
  it('exits 0 on a legal change, with a one-line summary', () => {
    const r = run(['--base', 'main', '--head', 'legal']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check main \([0-9a-f]{7}\) → legal \([0-9a-f]{7}\): 1 file changed, 1 incident: 0 errors, 0 warnings\n$/);
  });

  it('exits 1 on a breach and prints file:line:col  error  CODE', () => {
    const r = run(['--base', 'main', '--head', 'edited']);
    expect(r.code).toBe(1);
    const line = lineOf(yaml(triaged()), 'The loader job is stuck.');
    expect(r.stdout).toContain(`${P1}:${line}:11  error  LEDGER_EDITED  ledger entry 1 is already merged and is changed here (\`text\`)`);
  });

  it('--head defaults to HEAD, and --root finds the repo from elsewhere', () => {
    repo.checkout('edited');
    try {
      expect(run(['--base', 'main']).code).toBe(1);
      expect(run(['--base', 'main', '--root', repo.dir], REPO_ROOT).code).toBe(1);
    } finally {
      repo.checkout('main');
    }
  });

  it('writes JSON that follows schemas/check-result.schema.json', () => {
    const { code, out } = json(['--base', 'main', '--head', 'edited', '--now', '2025-08-03T20:00:00Z']);
    expect(code).toBe(1);
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toEqual(['LEDGER_EDITED', 'TIMEBOX_OVERRUN', 'TIMEBOX_OVERRUN']);
    expect(out.now).toBe('2025-08-03T20:00:00Z');
    expect(out.head).toMatchObject({ ref: 'edited', time: '2025-08-03T12:10:00Z' });
    expect(out.base.ref).toBe('main');
    expect(out.changed).toEqual([{ status: 'M', path: P1 }]);
    expect(out.overruns.map((o: { box: string }) => o.box)).toEqual(['contain', 'update_every']);
  });

  it('lists sign-offs to claim when an incident closes', () => {
    const { code, out } = json(['--base', 'main', '--head', 'closing']);
    expect(code).toBe(0);
    expect(out.signoff_required).toEqual([
      { incident: 'INC-2025-0004', file: incidentPath('INC-2025-0004'), team: 'orders-data', role: 'producer', members: ['alice', 'bob'], claimed_by: 'bob' },
    ]);
    const text = run(['--base', 'main', '--head', 'closing']).stdout;
    expect(text).toContain('INC-2025-0004  orders-data (producer)  claimed by bob  may sign: alice, bob');
  });

  it('an empty change is fine', () => {
    const { code, out } = json(['--base', 'main', '--head', 'main']);
    expect(code).toBe(0);
    expect(out.changed).toEqual([]);
  });

  it('usage errors exit 2 without a stack trace', () => {
    expect(run([]).code).toBe(2);
    const bad = run(['--base', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"no-such-branch" is not a commit');
    expect(run(['--base', 'main', '--now', 'yesterday']).code).toBe(2);
    const outside = run(['--base', 'main', '--root', '/']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('not inside a git repository');
  });
});
