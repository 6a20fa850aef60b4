// The one output abstraction: where each kind of line goes, and when it is coloured.
import { describe, expect, it } from 'vitest';
import { colorLevel, createUi } from '../../../src/cli/kit/output.js';

function sink(tty: boolean, columns?: number) {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true), isTTY: tty, columns } as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  return { stream, text: () => text };
}

function ui(opts: { tty?: boolean; json?: boolean; env?: NodeJS.ProcessEnv; columns?: number }) {
  const out = sink(opts.tty ?? false, opts.columns);
  const err = sink(opts.tty ?? false, opts.columns);
  const u = createUi({ stdout: out.stream, stderr: err.stream, json: opts.json, env: opts.env ?? {} });
  return { u, stdout: out.text, stderr: err.text };
}

const ESC = /\x1b\[/;

describe('createUi', () => {
  it('colours a terminal, with a newline added to each line', () => {
    const { u, stdout } = ui({ tty: true, env: { TERM: 'xterm' }, columns: 80 });
    u.out(u.color.green('ok'));
    u.say('done\n');
    expect(stdout()).toMatch(ESC);
    expect(stdout().replace(/\x1b\[[0-9;]*m/g, '')).toBe('ok\ndone\n');
    expect(u.tty).toBe(true);
    expect(u.columns).toBe(80);
    expect(u.paint.columns).toBe(80);
  });

  it('never colours under NO_COLOR, even on a terminal', () => {
    const { u, stdout } = ui({ tty: true, env: { NO_COLOR: '1', TERM: 'xterm' } });
    u.out(`${u.color.red('error')} ${u.paint.dim('x')}`);
    expect(stdout()).toBe('error x\n');
  });

  it('does not colour a pipe or a file, and lays out for 100 columns', () => {
    const { u, stdout } = ui({ tty: false });
    u.say(u.paint.yellow('warning'));
    expect(stdout()).toBe('warning\n');
    expect(u.tty).toBe(false);
    expect(u.columns).toBe(100);
  });

  it('treats TERM=dumb as a terminal that cannot redraw or colour', () => {
    const { u } = ui({ tty: true, env: { TERM: 'dumb' } });
    expect(u.color.level).toBe(0);
    expect(u.tty).toBe(false);
    expect(u.isTTY).toBe(true);
  });

  it('with --json keeps stdout for data: human lines and raw writes go to stderr', () => {
    const { u, stdout, stderr } = ui({ json: true });
    u.out('{"ok":true}');
    u.say('Deploying shop-dev');
    u.write('\r…');
    u.err('warning');
    expect(stdout()).toBe('{"ok":true}\n');
    expect(stderr()).toBe('Deploying shop-dev\n\r…warning\n');
    expect(u.json).toBe(true);
  });

  it('FORCE_COLOR colours a pipe; FORCE_COLOR=0 turns colour off', () => {
    expect(colorLevel(false, { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel(true, { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel(true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(0);
    expect(colorLevel(true, { NO_COLOR: '' })).toBeGreaterThan(0);
  });
});
