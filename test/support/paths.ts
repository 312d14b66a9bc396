import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where global-setup bundles the sources for this test run. */
export const TEST_DIST = join(REPO_ROOT, 'node_modules', '.cache', 'sitrep-test-dist');
export const TEST_CLI = join(TEST_DIST, 'cli.js');
