/**
 * The site fixture: the repo's own sample, as a real git repository (two commits, the second one
 * from a PR), plus one planted incident whose every free-text field carries an XSS payload, a
 * `javascript:` link, an `@everyone` mention and a workflow command. The planted incident is made
 * from a closed sample incident, so it stays valid whatever the sample holds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { createFixtureRepo, type FixtureRepo } from '../support/git-fixture.js';
import { REPO_ROOT } from '../support/paths.js';
import { SAMPLE_PARTS } from '../support/sample-repo.js';

export const PLANTED_ID = 'INC-2026-0999';
export const PLANTED_PATH = `incidents/2026/${PLANTED_ID}.yaml`;
/** Every payload sets window.__xss or calls alert(); the browser test checks neither happened. */
export const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=2">',
  "'><svg onload=alert(3)>",
  '</script><script>window.__xss=4</script>',
  '<iframe src="javascript:alert(5)"></iframe>',
  '[click](javascript:alert(6))',
  '@acme-data/everyone',
  '::set-output name=x::y',
  '{{constructor.constructor "alert(7)"}}',
];
export const PAYLOAD_TEXT = PAYLOADS.join(' ');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? files(abs) : [abs];
  });
}

/** A closed, non-drill sample incident with every lifecycle field, to plant the payloads in. */
function baseIncident(): Record<string, unknown> {
  for (const abs of files(join(REPO_ROOT, 'incidents')).sort()) {
    const data = parse(readFileSync(abs, 'utf8')) as Record<string, unknown>;
    if (data.status === 'closed' && !data.drill && data.root_cause && Array.isArray(data.ledger) && Array.isArray(data.updates)) return data;
  }
  throw new Error('the sample has no closed incident to plant the payloads in');
}

export function plantedIncident(): string {
  const inc = baseIncident();
  const closedAt = String(inc.closed_at);
  const ledger = inc.ledger as Record<string, unknown>[];
  const by = String(ledger[0].by);
  inc.id = PLANTED_ID;
  inc.title = `planted: ${PAYLOADS[0]} ${PAYLOADS[1]}`.slice(0, 200);
  delete inc.regression_of;
  (inc.impact as Record<string, unknown>).summary = `Impact ${PAYLOAD_TEXT}`;
  (inc.root_cause as Record<string, unknown>).summary = `Root cause ${PAYLOAD_TEXT}`;
  ledger.push({ at: closedAt, by, kind: 'note', text: `Ledger ${PAYLOAD_TEXT}\n::set-output name=y::z`, links: ['javascript:alert(8)', 'JaVaScRiPt:window.__xss=9', 'https://example.com/ok'] });
  (inc.updates as Record<string, unknown>[]).push({ at: closedAt, audience: 'external', stage: 'closure', by, text: `External ${PAYLOAD_TEXT}` });
  for (const r of (inc.remediation as Record<string, unknown>[] | undefined) ?? []) { r.action = `Fix ${PAYLOADS[2]}`; r.link = 'javascript:alert(10)'; }
  for (const v of (inc.verification as Record<string, unknown>[] | undefined) ?? []) v.evidence = 'javascript:alert(11)';
  return `# A planted incident: hostile text everywhere (test/render/site-fixture.ts).\n${stringify(inc, { lineWidth: 0 })}`;
}

export interface SiteFixture {
  repo: FixtureRepo;
  dir: string;
  /** Sha of the commit that added the planted incident (subject ends in "(#42)"). */
  plantedSha: string;
  cleanup(): void;
}

export function createSiteFixture(): SiteFixture {
  // Commits after every date in the sample, so no entry is dated after the commit that recorded it.
  const repo = createFixtureRepo({ startDate: new Date(Math.max(Date.now(), Date.parse('2026-12-01T00:00:00Z'))).toISOString() });
  for (const part of SAMPLE_PARTS) {
    const abs = join(REPO_ROOT, part);
    for (const f of statSync(abs).isDirectory() ? files(abs) : [abs]) repo.write(relative(REPO_ROOT, f), readFileSync(f));
  }
  repo.commit('Import the sample incident repo', { author: { name: 'Sample Importer', email: 'importer@example.com' } });
  repo.write(PLANTED_PATH, plantedIncident());
  const plantedSha = repo.commit('Record INC-2026-0999 <script>window.__xss=12</script> (#42)', { author: { name: '<img src=x onerror=alert(13)>', email: 'evil@example.com' } });
  return { repo, dir: repo.dir, plantedSha, cleanup: () => repo.cleanup() };
}
