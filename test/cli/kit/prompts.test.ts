// The one prompt seam: @inquirer/prompts behind a Prompter, Ctrl-C as a cancellation.
import { describe, expect, it, vi } from 'vitest';
import { CancelledError, UsageError } from '../../../src/core/errors.js';

const calls: { kind: string; config: Record<string, unknown>; context: unknown }[] = [];
let answer: unknown = true;
let failWith: string | undefined;

vi.mock('@inquirer/prompts', () => {
  const prompt = (kind: string) => async (config: Record<string, unknown>, context?: unknown) => {
    calls.push({ kind, config, context });
    if (failWith) throw Object.assign(new Error('prompt closed'), { name: failWith });
    return answer;
  };
  return { input: prompt('input'), select: prompt('select'), checkbox: prompt('checkbox'), confirm: prompt('confirm') };
});

const { canPrompt, needsYes, terminalPrompter } = await import('../../../src/cli/kit/prompts.js');

describe('terminalPrompter', () => {
  it('asks through @inquirer/prompts, on the stream it was given', async () => {
    calls.length = 0;
    failWith = undefined;
    answer = 'shop-dev';
    const stream = process.stderr;
    expect(await terminalPrompter(stream).input({ message: 'Type the stack name' })).toBe('shop-dev');
    expect(calls[0]).toMatchObject({ kind: 'input', config: { message: 'Type the stack name' }, context: { output: stream } });
  });

  it('draws on stdout by default (inquirer chooses it)', async () => {
    calls.length = 0;
    answer = false;
    expect(await terminalPrompter().confirm({ message: 'Remove queue jobs?', default: false })).toBe(false);
    expect(calls[0]).toMatchObject({ kind: 'confirm', config: { message: 'Remove queue jobs?', default: false }, context: undefined });
  });

  it('turns Ctrl-C (and an aborted prompt) into a cancellation, exit 130', async () => {
    for (const name of ['ExitPromptError', 'AbortPromptError']) {
      failWith = name;
      const error = await terminalPrompter().select({ message: 'Starter', choices: [{ name: 'blank', value: 'blank' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CancelledError);
      expect((error as CancelledError).exitCode).toBe(130);
    }
    failWith = 'TypeError';
    await expect(terminalPrompter().checkbox({ message: 'Uses', choices: [] })).rejects.toThrow('prompt closed');
    failWith = undefined;
  });
});

describe('canPrompt', () => {
  it('needs a terminal on both ends', () => {
    expect(canPrompt({ isTTY: true }, { isTTY: true })).toBe(true);
    expect(canPrompt({ isTTY: false }, { isTTY: true })).toBe(false);
    expect(canPrompt({ isTTY: true }, { isTTY: false })).toBe(false);
    expect(canPrompt({}, {})).toBe(false);
  });
});

describe('needsYes', () => {
  it('is a usage error that names --yes', () => {
    const error = needsYes('destroy shop-dev');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('Refusing to destroy shop-dev without confirmation: there is no terminal to ask in.');
    expect(error.hint).toBe('Pass --yes to go ahead without asking.');
  });
});
