// The seam between commands and the terminal: questions go through a Prompter, so commands
// are testable and @inquirer/prompts loads only when a question is really asked.
import { CancelledError } from '../cli/errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(q: { message: string; choices: Choice<T>[] }): Promise<T[]>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

/** Asks in the terminal with @inquirer/prompts. Ctrl-C becomes a CancelledError (exit 130). */
export function terminalPrompter(): Prompter {
  const load = () => import('@inquirer/prompts');
  const ask = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new CancelledError();
      throw error;
    }
  };
  return {
    input: async (q) => ask(async () => (await load()).input({ message: q.message, default: q.default, validate: q.validate })),
    select: async (q) => ask(async () => (await load()).select({ message: q.message, choices: q.choices, default: q.default })),
    checkbox: async (q) => ask(async () => (await load()).checkbox({ message: q.message, choices: q.choices })),
    confirm: async (q) => ask(async () => (await load()).confirm({ message: q.message, default: q.default })),
  };
}

/** Whether questions can be asked: both ends are a terminal. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}
