// The workflows and action.yml files, parsed with GitHub's own parser (@actions/workflow-parser):
// triggers, least-privilege permissions per job, concurrency, the `uses:` paths, and that no job
// holding a write token runs pull request code. (The workflows have not run on GitHub from here.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadActionsParser } from './support/actions-parser.js';
import { REPO_ROOT } from '../support/paths.js';

type Parser = Awaited<ReturnType<typeof loadActionsParser>>;
type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

let wp: Parser;
beforeAll(async () => {
  wp = await loadActionsParser();
});

const WORKFLOWS = join(REPO_ROOT, '.github/workflows');
const ACTIONS = join(REPO_ROOT, '.github/actions');
const ACTION_NAMES = ['comment', 'gate', 'publish', 'route', 'validate', 'watch'];

/** The parser's token tree as plain data (expressions as their `${{ }}` text). */
function plain(t: Parameters<Parser['isMapping']>[0]): Plain {
  if (wp.isMapping(t)) {
    const o: Record<string, Plain> = {};
    for (const pair of t) o[pair.key.toString()] = plain(pair.value);
    return o;
  }
  if (wp.isSequence(t)) {
    const out: Plain[] = [];
    for (let i = 0; i < t.count; i++) out.push(plain(t.get(i)));
    return out;
  }
  if (wp.isString(t)) return t.value;
  if (wp.isNumber(t) || wp.isBoolean(t)) return t.value;
  return t.toString();
}

async function workflow(name: string) {
  const content = readFileSync(join(WORKFLOWS, name), 'utf8');
  const parsed = wp.parseWorkflow({ name, content }, new wp.NoOperationTraceWriter());
  expect(parsed.context.errors.getErrors(), name).toEqual([]);
  const template = await wp.convertWorkflowTemplate(parsed.context, parsed.value!);
  expect(template.errors ?? [], name).toEqual([]);
  const tree = plain(parsed.value!) as Record<string, any>;
  const jobs = Object.fromEntries(template.jobs.map((j) => [j.id.value, j]));
  const uses = (job: string) =>
    ((jobs[job] as { steps?: { uses?: { value: string } }[] }).steps ?? []).map((s) => s.uses?.value).filter((u): u is string => !!u);
  return { tree, template, jobs, uses, content };
}

describe('workflows', () => {
  it('are exactly the four sitrep workflows', () => {
    expect(readdirSync(WORKFLOWS).sort()).toEqual(['sitrep-pr-write.yml', 'sitrep-pr.yml', 'sitrep-publish.yml', 'sitrep-watch.yml']);
  });

  it('PR checks: pull_request and pull_request_review, read-only jobs, the local validate and gate Actions', async () => {
    const w = await workflow('sitrep-pr.yml');
    expect(w.tree.name).toBe('sitrep PR checks');
    expect(Object.keys(w.template.events).sort()).toEqual(['pull_request', 'pull_request_review']);
    expect(w.template.events.pull_request_review?.types).toEqual(['submitted', 'edited', 'dismissed']);
    expect(w.tree.permissions).toEqual({});
    expect(w.tree.jobs.validate.permissions).toEqual({ contents: 'read' });
    expect(w.tree.jobs.gate.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    // (The parser gives `sitrep-pr-${{ … }}` back as a format() expression.)
    expect(w.tree.concurrency).toEqual({ group: "${{ format('sitrep-pr-{0}', github.event.pull_request.number) }}", 'cancel-in-progress': true });
    expect(w.uses('validate')).toEqual(['actions/checkout@v4', './.github/actions/validate', 'actions/upload-artifact@v4']);
    expect(w.uses('gate')).toEqual(['actions/checkout@v4', './.github/actions/gate']);
    // Step inputs are strings to the parser, as to the runner.
    expect(w.tree.jobs.validate.steps[0].with).toEqual({ 'fetch-depth': '0', 'persist-credentials': 'false' });
    // No job of this workflow can write.
    expect(w.content).not.toMatch(/:\s*write/);
  });

  it('PR write: workflow_run of the checks, on the default branch, never checking out or running PR code', async () => {
    const w = await workflow('sitrep-pr-write.yml');
    expect(Object.keys(w.template.events)).toEqual(['workflow_run']);
    expect(w.template.events.workflow_run).toMatchObject({ workflows: ['sitrep PR checks'], types: ['completed'] });
    expect(w.tree.permissions).toEqual({});
    const job = w.tree.jobs['route-and-comment'];
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', actions: 'read' });
    expect(w.uses('route-and-comment')).toEqual(['actions/checkout@v4', 'actions/download-artifact@v4', './.github/actions/route', './.github/actions/comment']);
    // The checkout is the default branch, not anything the triggering run names.
    expect(job.steps[0].with.ref).toBe('${{ github.event.repository.default_branch }}');
    const text = JSON.stringify(job);
    expect(text).not.toMatch(/head_sha|head_branch|pull_request\.head|github\.event\.workflow_run\.(?!id\b|event\b)/);
    // The only shell step reads digits from the artifact and fetches objects, never a checkout or a run of PR files.
    const run = job.steps.find((s: { run?: string }) => s.run).run as string;
    expect(run).toContain("tr -cd '0-9'");
    expect(run).toMatch(/git fetch --no-tags --no-recurse-submodules origin/);
    expect(run).not.toMatch(/git (checkout|switch|worktree|reset|merge)|npm|node |\bsh\b|bash|\$\{\{/);
    expect(job.steps.filter((s: { uses?: string }) => s.uses?.startsWith('./')).map((s: { with?: Record<string, string> }) => s.with)).toEqual([
      { 'pull-number': '${{ steps.pr.outputs.number }}' },
      { 'pull-number': '${{ steps.pr.outputs.number }}' },
    ]);
  });

  it('publish: push to main, a read-only build handing the site to upload-pages-artifact, deploy-pages alone with pages rights', async () => {
    const w = await workflow('sitrep-publish.yml');
    expect(Object.keys(w.template.events).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(w.template.events.push?.branches).toEqual(['main']);
    expect(w.tree.permissions).toEqual({});
    expect(w.tree.jobs.build.permissions).toEqual({ contents: 'read' });
    expect(w.tree.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(w.tree.jobs.deploy.needs).toBe('build');
    expect(w.tree.jobs.deploy.environment.name).toBe('github-pages');
    expect(w.uses('build')).toEqual(['actions/checkout@v4', 'actions/configure-pages@v5', './.github/actions/publish', 'actions/upload-pages-artifact@v3']);
    expect(w.uses('deploy')).toEqual(['actions/deploy-pages@v4']);
    expect(w.tree.jobs.build.steps[3].with.path).toBe('${{ steps.site.outputs.path }}');
    expect(w.tree.concurrency).toEqual({ group: 'sitrep-pages', 'cancel-in-progress': false });
  });

  it('watch: on a schedule and by hand, issues write only', async () => {
    const w = await workflow('sitrep-watch.yml');
    expect(Object.keys(w.template.events).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(w.template.events.schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect(w.tree.permissions).toEqual({});
    expect(w.tree.jobs.watch.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(w.uses('watch')).toEqual(['actions/checkout@v4', './.github/actions/watch']);
    expect(w.tree.concurrency).toEqual({ group: 'sitrep-watch', 'cancel-in-progress': false });
  });

  it('every local `uses:` names an Action of this repository, and every Action is used', async () => {
    const used = new Set<string>();
    for (const name of readdirSync(WORKFLOWS)) {
      const w = await workflow(name);
      for (const job of Object.keys(w.jobs)) for (const u of w.uses(job)) if (u.startsWith('./')) used.add(u);
    }
    expect([...used].sort()).toEqual(ACTION_NAMES.map((a) => `./.github/actions/${a}`));
  });
});

describe('action.yml', () => {
  it.each(ACTION_NAMES)('%s: node24, main is its bundle in dist/, every input and output documented', (name) => {
    const content = readFileSync(join(ACTIONS, name, 'action.yml'), 'utf8');
    const parsed = wp.parseAction({ name: `${name}/action.yml`, content }, new wp.NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors()).toEqual([]);
    const a = plain(parsed.value!) as Record<string, any>;
    expect(a.runs).toEqual({ using: 'node24', main: `../../../dist/${name}.js` });
    expect(existsSync(join(ACTIONS, name, a.runs.main))).toBe(true);
    expect(a.description.length).toBeGreaterThan(40);
    for (const [id, input] of Object.entries<Record<string, string>>(a.inputs ?? {})) expect(input.description, `${name} input ${id}`).toMatch(/\w{4,}/);
    for (const [id, output] of Object.entries<Record<string, string>>(a.outputs ?? {})) expect(output.description, `${name} output ${id}`).toMatch(/\w{4,}/);
    // Each entry only calls run(): the logic is in src/core and src/actions/<name>/run.ts.
    expect(readFileSync(join(REPO_ROOT, 'src/actions', name, 'main.ts'), 'utf8')).toBe("import { run } from './run.js';\n\nvoid run();\n");
  });

  it.each(ACTION_NAMES)('%s: the inputs and outputs its code reads and sets are the ones action.yml declares', (name) => {
    const a = plain(wp.parseAction({ name, content: readFileSync(join(ACTIONS, name, 'action.yml'), 'utf8') }, new wp.NoOperationTraceWriter()).value!) as Record<string, any>;
    const code = readFileSync(join(REPO_ROOT, 'src/actions', name, 'run.ts'), 'utf8');
    const read = new Set([...code.matchAll(/(?:stringInput|requiredInput|booleanInput|prNumberInput|timeInput)\('([a-z-]+)'/g)].map((m) => m[1]));
    if (/githubPort\(env\)/.test(code)) read.add('token');
    const set = new Set([...code.matchAll(/core\.setOutput\('([a-z-]+)'/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual(Object.keys(a.inputs ?? {}).sort());
    expect([...set].sort()).toEqual(Object.keys(a.outputs ?? {}).sort());
  });
});
