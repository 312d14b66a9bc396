/** Bundles the current sources once per test run, so CLI and Action tests run what would ship. */
import { build } from 'esbuild';
import { buildOptions } from '../../scripts/build.mjs';
import { TEST_DIST } from './paths.js';

export default async function setup(): Promise<void> {
  await build(buildOptions(TEST_DIST));
}
