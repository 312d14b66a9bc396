/**
 * watch, on a schedule: `computeWatch` over the checkout (the default branch), and one tracking
 * issue per open incident with findings (src/core/watch-issues.ts). Issues are found by the
 * tracking label and the incident's marker across every page; a body is updated only when it
 * changed, an issue is closed when its incident has no finding any more, and the body mentions
 * exactly the people and teams the escalation level names. A rerun with nothing new writes nothing.
 */
import * as core from '@actions/core';
import { FsSource } from '../../io/fs-source.js';
import { loadRepo } from '../../core/load.js';
import { buildIndex } from '../../core/repo-index.js';
import { computeWatch } from '../../core/watch.js';
import { planTrackingIssues, trackedIncidents, type TrackedIssue } from '../../core/watch-issues.js';
import { readEnv, incidentRoot } from '../shared/env.js';
import { booleanInput, stringInput, timeInput } from '../shared/inputs.js';
import { githubPort } from '../shared/github.js';
import { Summary } from '../shared/summary.js';
import { log } from '../shared/log.js';
import { runAction } from '../shared/run.js';

export const DEFAULT_TRACKING_LABEL = 'sitrep-watch';

export async function run(): Promise<void> {
  await runAction('watch', async () => {
    const env = readEnv();
    const { dir } = incidentRoot(env, stringInput('root', '.'));
    const now = timeInput('now') ?? Date.now();
    const includeClosed = booleanInput('include-closed', false);
    const port = githubPort(env);

    const source = new FsSource(dir);
    const { model } = await loadRepo(source);
    await source.close();
    const idx = buildIndex(model);
    const result = computeWatch(idx, now);
    const tracked = trackedIncidents(result, { includeClosed });
    const label = stringInput('label') || idx.config?.github?.tracking_label || DEFAULT_TRACKING_LABEL;

    const issues: TrackedIssue[] = await port.listIssues({ labels: [label], state: 'all' });
    const plan = planTrackingIssues(tracked, issues, label);
    const done = { created: [] as string[], updated: [] as string[], closed: [] as string[], unchanged: [] as string[] };
    const numbers: Record<string, number> = {};
    for (const change of plan) {
      switch (change.action) {
        case 'create':
          numbers[change.incident] = await port.createIssue({ title: change.title, body: change.body, labels: change.labels });
          done.created.push(change.incident);
          break;
        case 'update':
          await port.updateIssue(change.number, {
            ...(change.title !== undefined ? { title: change.title } : {}),
            ...(change.body !== undefined ? { body: change.body } : {}),
            ...(change.state ? { state: change.state } : {}),
          });
          numbers[change.incident] = change.number;
          done.updated.push(change.incident);
          break;
        case 'close':
          await port.updateIssue(change.number, { state: 'closed' });
          numbers[change.incident] = change.number;
          done.closed.push(change.incident);
          break;
        case 'none':
          numbers[change.incident] = change.number;
          done.unchanged.push(change.incident);
          break;
      }
    }

    const summary = new Summary().heading('sitrep watch');
    summary.paragraph(`At ${result.now}: ${result.summary.incidents} incident(s) read, ${result.summary.open} open, ${tracked.length} tracked with findings (${result.summary.findings} finding(s) in all).`);
    if (tracked.length) {
      summary.table(
        ['Incident', 'Severity', 'Status', 'Level', 'Findings', 'Mentions', 'Issue'],
        tracked.map((w) => [w.id, w.severity, w.status, w.level, w.findings.map((f) => f.message).join('\n'), [...w.people.map((p) => `@${p}`), ...w.teams].join(' '), numbers[w.id] ? `#${numbers[w.id]}` : '']),
      );
    }
    summary.list([
      `Created: ${done.created.join(', ') || 'none'}`,
      `Updated: ${done.updated.join(', ') || 'none'}`,
      `Closed: ${done.closed.join(', ') || 'none'}`,
      `Unchanged: ${done.unchanged.join(', ') || 'none'}`,
    ]);
    await summary.write();
    log(`watch: ${tracked.length} tracked; created ${done.created.length}, updated ${done.updated.length}, closed ${done.closed.length}, unchanged ${done.unchanged.length}`);

    core.setOutput('tracked', JSON.stringify(tracked.map((w) => w.id)));
    core.setOutput('created', String(done.created.length));
    core.setOutput('updated', String(done.updated.length));
    core.setOutput('closed', String(done.closed.length));
    core.setOutput('findings', String(tracked.reduce((n, w) => n + w.findings.length, 0)));
  });
}
