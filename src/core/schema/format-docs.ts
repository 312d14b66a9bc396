/** docs/formats.md: the field reference of every file kind, generated from the schema sources. */
import { FILE_KINDS } from './file-kinds.js';
import { STAGES_ENDED_BY } from '../lifecycle.js';
import { ISO_DURATION_PATTERN } from './common.js';

type Node = { type?: string; description?: string; properties?: Record<string, Node>; required?: string[]; items?: Node; enum?: string[]; pattern?: string; format?: string };

function typeOf(n: Node): string {
  if (n.enum) return n.enum.map((e) => `\`${e}\``).join(' \\| ');
  if (n.format) return n.format;
  if (n.pattern === ISO_DURATION_PATTERN) return 'ISO-8601 duration';
  if (n.type === 'array') return `list of ${n.items ? typeOf(n.items) : 'values'}`;
  if (n.type === 'object') return 'mapping';
  return n.type ?? 'value';
}

function rows(n: Node, prefix: string, out: string[]): void {
  for (const [k, v] of Object.entries(n.properties ?? {})) {
    const name = `${prefix}${k}`;
    out.push(`| \`${name}\` | ${typeOf(v)} | ${n.required?.includes(k) ? 'yes' : ''} | ${(v.description ?? '').replace(/\|/g, '\\|')} |`);
    if (v.type === 'object') rows(v, `${name}.`, out);
    if (v.type === 'array' && v.items?.type === 'object') rows(v.items, `${name}[].`, out);
  }
}

export function formatsMarkdown(): string {
  const out = [
    '# File formats',
    '',
    '<!-- Generated from src/core/schema/*.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'The schemas in `schemas/` are generated from the same sources. Start each file with its modeline,',
    'for example `# yaml-language-server: $schema=../../schemas/incident.schema.json`.',
    '',
    '## Lifecycle and runbook stages',
    '',
    'Entering a status ends the runbook stages below; the ledger must then hold the kinds of entries',
    "that each stage's `evidence` lists.",
    '',
    '| entering status | ends runbook stages |',
    '|---|---|',
    ...Object.entries(STAGES_ENDED_BY).map(([s, stages]) => `| \`${s}\` | ${stages.map((x) => `\`${x}\``).join(', ') || '—'} |`),
    '',
  ];
  for (const k of FILE_KINDS) {
    const schema = JSON.parse(JSON.stringify(k.schema)) as Node;
    out.push(`## ${k.schemaName}`, '', `${schema.description ?? ''} — \`schemas/${k.schemaName}.schema.json\`, path pattern \`${k.pattern.source.replace(/\\/g, '')}\`.`, '');
    out.push('| field | type | required | description |', '|---|---|---|---|');
    rows(schema, '', out);
    out.push('');
  }
  return out.join('\n');
}
