/** Regenerates the generated docs (npm run docs). test/core/schemas.test.ts fails when they drift. */
import { writeFileSync } from 'node:fs';
import { diagnosticsMarkdown } from '../src/core/diagnostic-docs.js';
import { formatsMarkdown } from '../src/core/schema/format-docs.js';

writeFileSync('docs/diagnostics.md', diagnosticsMarkdown());
writeFileSync('docs/formats.md', formatsMarkdown());
