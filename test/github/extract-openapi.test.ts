// The committed spec subset must be what the script extracts from the installed
// @octokit/openapi, so a package update that changes GitHub's description shows up here.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('test/fixtures/github/openapi-subset.json is up to date', () => {
  const script = fileURLToPath(new URL('../../scripts/extract-github-openapi.mjs', import.meta.url));
  expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
});
