/** The diagnostics table in docs/diagnostics.md, generated from the code table so the two never drift. */
import { CODES } from './diagnostic-codes.js';

export function diagnosticsMarkdown(): string {
  const rows = Object.entries(CODES).map(([code, spec]) =>
    `| \`${code}\` | ${spec.severity} | ${spec.summary.replace(/\|/g, '\\|')} | ${('hint' in spec ? spec.hint : '').replace(/\|/g, '\\|')} |`);
  return [
    '# Diagnostic codes',
    '',
    '<!-- Generated from src/core/diagnostic-codes.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every finding sitrep reports has a stable code. Text output reads',
    '`file:line:col  severity  CODE  message`, with the hint on the next line; JSON output',
    'carries `{code, severity, file, line, column, message, hint}`. Waivers name a code in `rule`.',
    '',
    '| code | severity | meaning | default hint |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
