import { CancelledError, EdaError, InvalidAppError } from '../core/errors.js';
import { createUi } from './kit/output.js';

/** Turns any thrown value into output on stderr and an exit code. */
export async function reportError(error: unknown, debug: boolean): Promise<number> {
  const showStack = debug || process.env.EDA_DEBUG === '1';
  const ui = createUi({ stdout: process.stderr, stderr: process.stderr });
  const c = ui.color;
  if (error instanceof InvalidAppError) {
    const { formatDiagnostics } = await import('./kit/diagnostics.js');
    ui.err(formatDiagnostics(error.diagnostics, c));
    ui.err(c.red(`✖ ${error.message}`));
    return 1;
  }
  if (error instanceof CancelledError) {
    ui.err(c.dim(error.message));
    return error.exitCode;
  }
  if (error instanceof EdaError) {
    ui.err(`${c.red('error')} ${error.message}`);
    if (error.hint) ui.err(`${c.dim('hint')}  ${error.hint}`);
    if (showStack && error.stack) ui.err(c.dim(error.stack));
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  ui.err(`${c.red('error')} ${message}`);
  if (showStack && error instanceof Error && error.stack) ui.err(c.dim(error.stack));
  else ui.err(c.dim('Run again with --debug (or EDA_DEBUG=1) to see the stack trace.'));
  return 1;
}
