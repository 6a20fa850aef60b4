// The one prompt seam: every question a command asks goes through a Prompter, so tests can
// answer from a script, and @inquirer/prompts loads only when a question is really asked.
import { CancelledError, UsageError } from '../../core/errors.js';
import type { Prompter } from '../../core/prompts.js';
import type { Ui } from './output.js';

export type { Choice, Prompter } from '../../core/prompts.js';

/**
 * Asks in the terminal with @inquirer/prompts, drawing on `output` (by default stdout; with
 * --json, the human stream). Ctrl-C becomes a CancelledError (exit 130).
 */
export function terminalPrompter(output?: NodeJS.WritableStream): Prompter {
  const load = () => import('@inquirer/prompts');
  const context = output ? { output } : undefined;
  const ask = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new CancelledError();
      throw error;
    }
  };
  return {
    input: async (q) => ask(async () => (await load()).input({ message: q.message, default: q.default, validate: q.validate }, context)),
    select: async (q) => ask(async () => (await load()).select({ message: q.message, choices: q.choices, default: q.default }, context)),
    checkbox: async (q) => ask(async () => (await load()).checkbox({ message: q.message, choices: q.choices }, context)),
    confirm: async (q) => ask(async () => (await load()).confirm({ message: q.message, default: q.default }, context)),
  };
}

/** Whether questions can be asked: stdin and the stream they are drawn on are terminals. */
export function canPrompt(output: { isTTY?: boolean } = process.stdout, stdin: { isTTY?: boolean } = process.stdin): boolean {
  return Boolean(stdin.isTTY && output.isTTY);
}

/** What a command writes and asks through; tests pass their own. */
export interface CommandDeps {
  ui?: Ui;
  prompter?: Prompter;
}

/** Refusal when a confirmation is needed but nobody can answer. */
export function needsYes(what: string): UsageError {
  return new UsageError(`Refusing to ${what} without confirmation: there is no terminal to ask in.`, 'Pass --yes to go ahead without asking.');
}
