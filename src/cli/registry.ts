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
import { renderCommand } from './commands/render.js';
import { siteCommand } from './commands/site.js';
import { newCommand } from './commands/new.js';
import { logCommand } from './commands/log.js';
import { statusCommand } from './commands/status.js';
import { setCommand } from './commands/set.js';
import { impactCommand } from './commands/impact.js';
import { mitigateCommand } from './commands/mitigate.js';
import { updateCommand } from './commands/update.js';
import { rootCauseCommand } from './commands/root-cause.js';
import { remediationCommand } from './commands/remediation.js';
import { verifyCommand } from './commands/verify.js';
import { signoffCommand } from './commands/signoff.js';
import { escalateCommand } from './commands/escalate.js';
import { waiveCommand } from './commands/waive.js';
import { reviewCommand } from './commands/review.js';
import { drillCommand } from './commands/drill.js';

export const COMMANDS: readonly Command[] = [validateCommand, checkCommand, reportCommand, timelineCommand, metricsCommand,
  // Operations (docs/authoring.md)
  initCommand, newCommand, logCommand, statusCommand, setCommand, impactCommand, mitigateCommand, updateCommand, rootCauseCommand,
  remediationCommand, verifyCommand, signoffCommand, escalateCommand, waiveCommand, reviewCommand, drillCommand,
  watchCommand, codeownersCommand,
  // Outputs (docs/commands/render.md, docs/commands/site.md)
  renderCommand, siteCommand,
];
