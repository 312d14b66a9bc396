// Runs a bundled Action (`<TEST_DIST>/<name>.js`, what dist/<name>.js ships) as the runner runs
// it: a node child process with INPUT_* variables (defaults filled from action.yml, as the
// runner does), GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL pointed at the harness,
// and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files that exist before the step starts. Async: the
// harness answers the child from this same process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, TEST_DIST } from '../../support/paths.js';
import { readRunnerLog, type RunnerLog } from './runner-log.js';

export interface ActionRunOptions {
  /** The checkout the Action runs in (GITHUB_WORKSPACE and cwd). */
  workspace: string;
  inputs?: Record<string, string>;
  /** Written to a temp file, passed as GITHUB_EVENT_PATH. */
  event?: unknown;
  eventName?: string;
  repository?: string;
  apiUrl?: string;
  sha?: string;
  env?: Record<string, string>;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  log: RunnerLog;
  /** Annotations the runner would show: error, warning and notice commands. */
  annotations: { kind: string; message: string; file?: string; line?: number; col?: number; title?: string }[];
}

interface ActionYaml {
  inputs?: Record<string, { default?: string }>;
}

/** The runner fills inputs the workflow leaves out from action.yml defaults (expressions excepted: tests pass those). */
function defaultInputs(name: string): Record<string, string> {
  const spec = parse(readFileSync(join(REPO_ROOT, '.github/actions', name, 'action.yml'), 'utf8')) as ActionYaml;
  const out: Record<string, string> = {};
  for (const [key, def] of Object.entries(spec.inputs ?? {})) {
    if (def?.default !== undefined && !String(def.default).includes('${{')) out[key] = String(def.default);
  }
  return out;
}

/** GITHUB_OUTPUT's file format: `name<<delimiter`, the value lines, `delimiter`. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=');
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return out;
}

export async function runAction(name: string, opts: ActionRunOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), `sitrep-action-${name}-`));
  try {
    const outputFile = join(temp, 'output');
    const summaryFile = join(temp, 'summary');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? temp,
      LANG: 'C.UTF-8',
      // Git in the child sees no machine config, as in the fixtures.
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_REPOSITORY: opts.repository ?? 'acme-data/incidents',
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: temp,
      GITHUB_EVENT_NAME: opts.eventName ?? 'pull_request',
    };
    if (opts.apiUrl) env.GITHUB_API_URL = opts.apiUrl;
    if (opts.sha) env.GITHUB_SHA = opts.sha;
    if (opts.event !== undefined) {
      env.GITHUB_EVENT_PATH = join(temp, 'event.json');
      writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(opts.event));
    }
    for (const [key, value] of Object.entries({ ...defaultInputs(name), ...opts.inputs })) env[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`] = value;
    Object.assign(env, opts.env);

    const child = spawn(process.execPath, [join(TEST_DIST, `${name}.js`)], { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c ?? -1));
    });
    const log = readRunnerLog(stdout);
    const annotations = log.commands
      .filter((c) => ['error', 'warning', 'notice'].includes(c.name))
      .map((c) => ({
        kind: c.name,
        message: c.message,
        ...(c.properties.file ? { file: c.properties.file } : {}),
        ...(c.properties.line ? { line: Number(c.properties.line) } : {}),
        ...(c.properties.col ? { col: Number(c.properties.col) } : {}),
        ...(c.properties.title ? { title: c.properties.title } : {}),
      }));
    return { code, stdout, stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), log, annotations };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
