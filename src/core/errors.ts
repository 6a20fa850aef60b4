// The errors every layer throws: one vocabulary from the ground floor up. The CLI maps them to
// exit codes and renders them; nothing below it prints.
import type { Diagnostic } from './diagnostics.js';

/** A failure the user can act on: printed as one message, exit code 1. */
export class EdaError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'EdaError';
  }
}

/** Wrong flags or arguments, or a question that needs a TTY: exit code 2. */
export class UsageError extends EdaError {
  override readonly exitCode = 2;
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'UsageError';
  }
}

/** An invalid app.yaml: every problem at once, each with its position. Exit code 1. */
export class InvalidAppError extends EdaError {
  constructor(
    readonly diagnostics: Diagnostic[],
    message = `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in the app`,
  ) {
    super(message);
    this.name = 'InvalidAppError';
  }
}

/** The user pressed Ctrl-C at a prompt: exit 130, nothing written. */
export class CancelledError extends EdaError {
  override readonly exitCode = 130;
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}
