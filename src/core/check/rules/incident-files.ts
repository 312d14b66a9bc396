/**
 * Incident files stay where they were merged: deleting or renaming one is an error unless the
 * config allows it (`incidents.allow_delete`) in both base and head, so a PR cannot grant itself
 * the permission it uses.
 */
import type { ChangeRule } from '../types.js';

export const incidentFiles: ChangeRule = {
  name: 'incident-files',
  run(ctx) {
    const allowed = ctx.base.config?.incidents?.allow_delete === true && ctx.head.config?.incidents?.allow_delete === true;
    if (allowed) return;
    for (const c of ctx.changes) {
      if (c.kind === 'deleted' && c.basePath) {
        ctx.report({
          code: 'INCIDENT_DELETED', file: c.basePath, place: { path: ['id'] }, inBase: true,
          message: `${c.basePath} (${c.id}) is deleted; incident files are the audit trail and the config does not allow deleting them`,
        });
      } else if (c.kind === 'renamed' && c.basePath && c.headPath) {
        ctx.report({
          code: 'INCIDENT_RENAMED', file: c.headPath, place: { path: ['id'] },
          message: `${c.id} is moved from ${c.basePath} to ${c.headPath}; the config does not allow renaming incident files`,
          waivable: { change: c },
        });
      }
    }
  },
};
