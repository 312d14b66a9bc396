/**
 * Floor for `sitrep metrics` (bench/sections/history.ts): read the head version of every file
 * sitrep manages and parse it with js-yaml's core schema, the parser sitrep's loader uses on its
 * fast path, in one process, one file after another. Stricter than read-parse-yaml (the `yaml`
 * package is about 5× slower), so a ratio against it is an honest one.
 *
 *   node read-parse-head.mjs <repo root>     prints { files, parsed, bytes }
 */
import { load, CORE_SCHEMA } from 'js-yaml';
import { readAndParse } from './read-and-parse.js';

readAndParse('read-parse-head', (text) => load(text, { schema: CORE_SCHEMA }));
