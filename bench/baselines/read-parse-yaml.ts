/**
 * Baseline: read every file sitrep manages and parse it with the `yaml` package's `parse`,
 * in one process, one file after another. The floor any validator pays for "read and parse the
 * same files with yaml"; `validate` is reported as a multiple of it.
 *
 *   node read-parse-yaml.mjs <repo root>     prints { files, parsed, bytes }
 */
import { parse } from 'yaml';
import { readAndParse } from './read-and-parse.js';

readAndParse('read-parse-yaml', parse);
