// The test-pattern command in-process: flags, files, stdin, output.
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testPatternCommand, type TestPatternOptions } from '../../src/cli/commands/test-pattern.js';
import { EdaError, UsageError } from '../../src/core/errors.js';
import { createUi } from '../../src/cli/kit/output.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

function sink() {
  let text = '';
  return {
    stream: { write: (chunk: string) => ((text += chunk), true), isTTY: false } as unknown as NodeJS.WritableStream,
    text: () => text,
  };
}

async function run(opts: TestPatternOptions, stdin?: string) {
  const out = sink();
  const err = sink();
  const ui = createUi({ stdout: out.stream, stderr: err.stream, json: opts.json, env: { NO_COLOR: '1' } });
  const code = await testPatternCommand(opts, { ui, cwd: fixtures, stdin: stdin === undefined ? undefined : Readable.from([stdin]) });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('eda test-pattern (in-process)', () => {
  it('prints true for a matching event', async () => {
    expect(await run({ pattern: 'order-pattern.json', event: 'order-event.json' })).toEqual({ code: 0, stdout: 'true\n', stderr: '' });
  });

  it('prints false for an event that does not match (YAML event)', async () => {
    expect(await run({ pattern: 'order-pattern.json', event: 'small-order-event.yaml' })).toEqual({ code: 0, stdout: 'false\n', stderr: '' });
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run({ pattern: 'order-pattern.json', event: 'order-event.json', json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ matches: true });
  });

  it('reads the event from stdin', async () => {
    const { code, stdout } = await run({ pattern: 'order-pattern.json', event: '-' }, '{"source": "shop.orders"}');
    expect(code).toBe(0);
    expect(stdout).toBe('false\n');
  });

  it('reads the pattern from stdin', async () => {
    const { code, stdout } = await run({ pattern: '-', event: 'order-event.json' }, 'source: [shop.orders]\n');
    expect(code).toBe(0);
    expect(stdout).toBe('true\n');
  });

  it('reports an invalid pattern with positions and hints, exit 1', async () => {
    const { code, stdout, stderr } = await run({ pattern: 'bad-pattern.json', event: 'order-event.json' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad-pattern.json:4:39: nothing may follow "<" 500');
    expect(stderr).toContain('hint: write the lower bound first: [">", 0, "<", 500]');
    expect(stderr).toContain('bad-pattern.json:5:18: unknown operator "prfix"');
    expect(stderr).toContain('hint: did you mean "prefix"?');
    expect(stderr).toContain('   5 |     "status": [{ "prfix": "paid" }]');
  });

  it('positions problems in a YAML pattern', async () => {
    const { code, stderr } = await run({ pattern: 'bad-pattern.yaml', event: 'order-event.json' });
    expect(code).toBe(1);
    expect(stderr).toContain('bad-pattern.yaml:8:9: unknown operator "prefx"');
    expect(stderr).toContain('did you mean "prefix"?');
  });

  it('reports an invalid pattern as JSON with --json', async () => {
    const { code, stdout } = await run({ pattern: 'bad-pattern.json', event: 'order-event.json', json: true });
    expect(code).toBe(1);
    const body = JSON.parse(stdout);
    expect(body.matches).toBeNull();
    expect(body.problems[1]).toEqual({
      file: 'bad-pattern.json',
      line: 5,
      column: 18,
      path: ['detail', 'status', 0, 'prfix'],
      message: 'unknown operator "prfix"',
      hint: 'did you mean "prefix"?',
    });
  });

  it.each([
    [{ event: 'order-event.json' }, /Missing --pattern <file>\./],
    [{ pattern: 'order-pattern.json' }, /Missing --event <file>\./],
    [{}, /Missing --pattern <file> and --event <file>\./],
    [{ pattern: '-', event: '-' }, /Only one of --pattern and --event/],
  ])('usage errors exit 2: %j', async (opts, message) => {
    const error = await run(opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(message);
  });

  it.each([
    [{ pattern: 'missing.json', event: 'order-event.json' }, 'The pattern file missing.json does not exist.'],
    [{ pattern: 'order-pattern.json', event: 'missing.json' }, 'The event file missing.json does not exist.'],
    [{ pattern: '.', event: 'order-event.json' }, '. is a directory, not a pattern file.'],
  ])('file errors exit 1 with one sentence: %j', async (opts, message) => {
    const error = await run(opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect((error as EdaError).exitCode).toBe(1);
    expect((error as EdaError).message).toBe(message);
  });

  it('unreadable JSON exits 1 with its position', async () => {
    const error = await run({ pattern: 'order-pattern.json', event: 'broken-event.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect((error as EdaError).exitCode).toBe(1);
    expect((error as EdaError).message).toMatch(/^broken-event\.json:3:1: the event is not valid JSON: .+\.$/);
  });

  it('unreadable YAML on stdin exits 1 with its position', async () => {
    const error = await run({ pattern: 'order-pattern.json', event: '-' }, 'source: [a\ndetail: {').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect((error as EdaError).message).toMatch(/^<stdin>:\d+:\d+: the event is not valid JSON or YAML: .+\.$/);
  });

  it('an event that is not an object exits 1', async () => {
    const error = await run({ pattern: 'order-pattern.json', event: '-' }, '[1, 2]').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdaError);
    expect((error as EdaError).message).toBe('The event in <stdin> must be a JSON object, not a list.');
  });
});
