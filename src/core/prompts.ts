// The questions commands may ask, as an interface: the CLI answers them in the terminal
// (cli/kit/prompts.ts) and tests answer them from a script. Nothing here talks to a terminal.

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
