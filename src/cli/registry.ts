/** Every `sitrep` command. Add a command here and document it in docs/commands/<name>.md. */
import type { Command } from './command.js';
import { validateCommand } from './commands/validate.js';
import { reportCommand } from './commands/report.js';
import { timelineCommand } from './commands/timeline.js';
import { metricsCommand } from './commands/metrics.js';
import { checkCommand } from './commands/check.js';
import { watchCommand } from './commands/watch.js';
import { codeownersCommand } from './commands/codeowners.js';
import { initCommand } from './commands/init.js';

export const COMMANDS: readonly Command[] = [validateCommand, checkCommand, reportCommand, timelineCommand, metricsCommand,
  // Operations (docs/authoring.md)
  initCommand, watchCommand, codeownersCommand,
];
