/**
 * What the runner gives every Action: the repository, the API URL, the event payload, the
 * workspace. Read once, checked, and turned into plain values; a missing or malformed value is
 * an `ActionInputError` with a message that says what to set.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { RepoRef } from '../../github/port.js';

/** A problem with how the Action was called: reported as a failure, never with a stack trace. */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
}

export interface ActionEnv {
  repo: RepoRef;
  /** GITHUB_API_URL: https://api.github.com, or the Enterprise Server's API. */
  apiUrl: string;
  eventName: string;
  eventPath: string | undefined;
  /** GITHUB_WORKSPACE: the checkout; annotation paths are relative to it. */
  workspace: string;
  /** GITHUB_SHA: the commit the workflow runs on. */
  sha: string | undefined;
  /** GITHUB_SERVER_URL, for links. */
  serverUrl: string;
  /** RUNNER_TEMP, or the system temp folder. */
  tempDir: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ActionEnv {
  const full = env.GITHUB_REPOSITORY ?? '';
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full);
  if (!m) throw new ActionInputError(`GITHUB_REPOSITORY must be "owner/repo", found ${JSON.stringify(full)}`);
  return {
    repo: { owner: m[1], repo: m[2] },
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH || undefined,
    workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    sha: env.GITHUB_SHA || undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    tempDir: env.RUNNER_TEMP || (env.TMPDIR ?? '/tmp'),
  };
}

export type EventPayload = Record<string, any>;

/** The webhook payload of the event that started the workflow, or {} when there is none. */
export async function readEvent(env: ActionEnv): Promise<EventPayload> {
  if (!env.eventPath) return {};
  let text: string;
  try {
    text = await readFile(env.eventPath, 'utf8');
  } catch {
    throw new ActionInputError(`GITHUB_EVENT_PATH ${env.eventPath} cannot be read`);
  }
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    throw new ActionInputError(`GITHUB_EVENT_PATH ${env.eventPath} is not JSON`);
  }
}

const SHA = /^[0-9a-f]{40}$/;

/** A full commit sha from a payload or input, or undefined. */
export function shaOf(value: unknown): string | undefined {
  return typeof value === 'string' && SHA.test(value) ? value : undefined;
}

/** A positive PR number from a payload or input, or undefined. */
export function prNumberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The pull request an event is about: pull_request, pull_request_target, pull_request_review. */
export function pullRequestOfEvent(event: EventPayload): { number: number; headSha?: string; baseSha?: string; author?: string } | undefined {
  const pr = event.pull_request;
  const number = prNumberOf(pr?.number);
  if (!number) return undefined;
  return { number, headSha: shaOf(pr?.head?.sha), baseSha: shaOf(pr?.base?.sha), author: typeof pr?.user?.login === 'string' ? pr.user.login : undefined };
}

/**
 * The incident repo's root: the `root` input, inside the workspace. Paths outside the checkout
 * are refused, so an input cannot point the Action at the runner's own files.
 */
export function incidentRoot(env: ActionEnv, input: string): { dir: string; prefix: string } {
  const dir = resolve(env.workspace, input || '.');
  const rel = relative(env.workspace, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new ActionInputError(`root ${JSON.stringify(input)} is outside the workspace ${env.workspace}`);
  return { dir, prefix: rel ? `${rel.split(sep).join('/')}/` : '' };
}
