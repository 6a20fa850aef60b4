// `eda invoke` (the built CLI) on Python functions: the result on stdout; an exception as
// Lambda's Python runtime reports it, with its frames, exit 1; no usable Python: the warning
// and a clear failure, no stack trace of eda's own.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let dir: string;

const files: Record<string, string> = {
  'app.yaml': 'name: pyinv\nruntime: python3.13\nfunctions:\n  greet: {}\n  charge: {}\n',
  'src/handlers/greet.py': 'def handler(event, context):\n    print("greeting", event["name"])\n    return {"hello": event["name"], "fn": context.function_name}\n',
  'src/handlers/charge.py': 'class PaymentDeclined(Exception):\n    pass\n\ndef handler(event, context):\n    raise PaymentDeclined("card declined")\n',
  'event.json': '{"name": "Ada"}',
};

function eda(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [join(root, 'bin/eda.js'), ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      res({ code: error ? Number((error as { code?: unknown }).code) || 1 : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eda-pyinvoke-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eda invoke on Python functions', () => {
  it('prints the result, with print() output in the trace on stderr', async () => {
    const r = await eda(['invoke', 'greet', '--cwd', dir, '--event', 'event.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ hello: 'Ada', fn: 'pyinv-dev-greet' });
    expect(r.stderr).toContain('greeting Ada');
  });

  it('reports an exception with its type, message and frames, exit 1', async () => {
    const r = await eda(['invoke', 'charge', '--cwd', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PaymentDeclined: card declined');
    expect(r.stderr).toMatch(/File ".*handlers\/charge\.py", line 5, in handler\n\s+raise PaymentDeclined\("card declined"\)/);
  });

  it('without a usable Python: the warning, then the invocation fails saying why', async () => {
    const r = await eda(['invoke', 'greet', '--cwd', dir, '--event', 'event.json'], { EDA_PYTHON: join(dir, 'no-python') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`python3.13 functions need Python 3.13, but ${join(dir, 'no-python')} does not run here`);
    expect(r.stderr).toContain('Runtime.PythonUnavailable');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});
