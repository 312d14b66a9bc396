export { checkChange, type CheckOptions, type CheckChangeResult } from './check.js';
export { CHANGE_RULES } from './rules/index.js';
export { WAIVABLE_CODES } from './waivers.js';
export type {
  ChangedFile, IncidentChange, ChangeContext, ChangeRule, CheckFinding, SignoffRequired, WaiverRequired, OverrunReport, EscalationReport, ChangedFileReport,
} from './types.js';
