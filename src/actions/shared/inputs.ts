/** Action inputs, read the way the runner passes them (INPUT_<NAME>), checked and typed. */
import * as core from '@actions/core';
import { ActionInputError, prNumberOf } from './env.js';
import { parseInstant } from '../../core/time.js';

export function stringInput(name: string, fallback = ''): string {
  return core.getInput(name).trim() || fallback;
}

export function requiredInput(name: string): string {
  const value = core.getInput(name).trim();
  if (!value) throw new ActionInputError(`input \`${name}\` is required`);
  return value;
}

export function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new ActionInputError(`input \`${name}\` must be true or false, found ${JSON.stringify(raw)}`);
}

/** A positive PR number, or undefined when the input is empty. */
export function prNumberInput(name: string): number | undefined {
  const raw = core.getInput(name).trim();
  if (!raw) return undefined;
  const n = prNumberOf(raw);
  if (!n) throw new ActionInputError(`input \`${name}\` must be a pull request number, found ${JSON.stringify(raw.slice(0, 40))}`);
  return n;
}

/** An ISO-8601 time, as epoch ms, or undefined when the input is empty. */
export function timeInput(name: string): number | undefined {
  const raw = core.getInput(name).trim();
  if (!raw) return undefined;
  const t = parseInstant(raw);
  if (t === undefined) throw new ActionInputError(`input \`${name}\` must be an ISO-8601 time such as 2025-08-03T12:00:00Z, found ${JSON.stringify(raw.slice(0, 40))}`);
  return t;
}
