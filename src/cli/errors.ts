/** Errors the CLI turns into exit codes: usage (2) and refusals (1). Never a stack trace for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A refused action: the message says why and what to do. Exit 1. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(message: string, readonly details: string[] = []) {
    super(message);
  }
}
