import type { Command } from '../command.js';
import { FsSource } from '../../io/fs-source.js';
import { validateRepo } from '../../core/validate.js';
import { formatCounts, formatDiagnostics } from '../print-diagnostics.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check the repo files: structure, references, lifecycle state.',
  usage: 'validate [paths…] [--format text|json] [--root DIR]',
  formats: ['text', 'json'],
  async run(ctx) {
    const source = new FsSource(ctx.root);
    const result = await validateRepo(source, { only: ctx.positionals });
    if (ctx.values.format === 'json') {
      ctx.io.stdout(`${JSON.stringify({ diagnostics: result.diagnostics, summary: result.summary }, null, 2)}\n`);
    } else {
      ctx.io.stdout(formatDiagnostics(result.diagnostics));
      const { files, incidents, errors, warnings } = result.summary;
      ctx.io.stdout(`${errors || warnings ? '\n' : ''}${files} files, ${incidents} incidents: ${formatCounts(errors, warnings)}\n`);
    }
    return result.summary.errors > 0 ? 1 : 0;
  },
};
