// The questions of `eda add`: asked in a terminal; without one, commands check the kind's
// missing flags first, so these only fill in defaults.
import { EdaError, UsageError } from '../core/errors.js';
import type { Choice, Prompter } from '../core/prompts.js';

export class Ask {
  constructor(
    private readonly prompter: Prompter | undefined,
    private readonly yes: boolean,
  ) {}

  /** Whether optional questions are asked (a terminal, and no --yes). */
  get optional(): boolean {
    return this.prompter !== undefined && !this.yes;
  }

  async text(value: string | undefined, flag: string, message: string, check?: (v: string) => true | string, fallback?: string): Promise<string> {
    if (value !== undefined) return value;
    if (!this.prompter) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`missing ${flag}`, 'there is no terminal to ask in; pass it as a flag (see eda add --help)');
    }
    return (await this.prompter.input({ message, default: fallback, validate: check })).trim();
  }

  async pick<T extends string>(value: T | undefined, flag: string, message: string, choices: Choice<T>[], fallback?: T): Promise<T> {
    if (value !== undefined) return value;
    if (!this.prompter) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`missing ${flag}`);
    }
    if (choices.length === 0) throw new EdaError(`nothing to choose for ${flag}`);
    return this.prompter.select({ message, choices, default: fallback });
  }

  async choose<T>(flag: string, message: string, choices: Choice<T>[]): Promise<T> {
    if (!this.prompter) throw new UsageError(`missing ${flag}`, 'there is no terminal to ask in; pass it as a flag (see eda add --help)');
    if (choices.length === 0) throw new EdaError(`nothing to choose for ${flag}: app.yaml declares none`);
    return this.prompter.select({ message, choices });
  }

  async many<T>(message: string, choices: Choice<T>[]): Promise<T[]> {
    if (!this.optional || choices.length === 0) return [];
    return this.prompter!.checkbox({ message, choices });
  }

  async yesNo(value: boolean | undefined, message: string, fallback: boolean): Promise<boolean> {
    if (value !== undefined) return value;
    if (!this.optional) return fallback;
    return this.prompter!.confirm({ message, default: fallback });
  }

  async maybe(value: string | undefined, message: string, check?: (v: string) => true | string): Promise<string | undefined> {
    if (value !== undefined || !this.optional) return value;
    const answer = (await this.prompter!.input({ message, validate: (v) => (v.trim() === '' ? true : check ? check(v) : true) })).trim();
    return answer === '' ? undefined : answer;
  }
}
