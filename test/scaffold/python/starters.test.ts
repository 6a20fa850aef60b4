// `eda new --language python`: each Python starter validates and synthesizes clean, its template
// passes cfn-lint and the SAM translator, its pytest tests pass offline, and mypy accepts its code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { pythonStarterNames } from '../../../src/scaffold/starters/python.js';
import { cfnLint, samTranslate } from '../../support/cfn.js';
import { eda, tempDir } from '../../support/cli.js';
import { mypy } from '../../support/python.js';

describe.each(pythonStarterNames.map((n) => [n]))('python starter %s', (starter) => {
  it('is created, valid, cfn-lint and SAM clean, and its pytest tests and mypy pass', async () => {
    const parent = tempDir('eda-py-starter-');
    const created = await eda(['new', 'shop', '--template', starter, '--language', 'python', '--no-install', '--no-git', '--yes'], { cwd: parent });
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.stdout).toContain('python3 -m pytest');
    const dir = path.join(parent, 'shop');
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(read('app.yaml')).toContain('runtime: python3.13');
    expect(read('pyproject.toml')).toContain('pythonpath = ["src"]');
    expect(read('src/requirements.txt')).toContain('-r ../requirements.txt');
    expect(JSON.parse(read('package.json')).scripts.test).toBe('python3 -m pytest');
    // OrderPlaced goes through the typed helper; conftest's recording client sees it (test_orders.py)
    if (starter === 'order-pipeline') expect(read('src/handlers/createOrder.py')).toContain('resources.events.order_placed.put(order)');

    const validated = await eda(['validate'], { cwd: dir });
    expect(validated.exitCode, validated.stderr).toBe(0);
    expect(`${validated.stdout}${validated.stderr}`).not.toContain('warning');
    const synth = await eda(['synth'], { cwd: dir });
    expect(synth.exitCode, synth.stderr).toBe(0);
    const template = path.join(dir, 'template.yaml');
    expect(read('template.yaml')).not.toContain('NODE_OPTIONS');
    expect(read('template.yaml')).toContain('CodeUri: src');

    const lint = await cfnLint([template]);
    expect(lint.output).toBe('');
    const [translated] = await samTranslate([template]);
    expect(translated!.errors ?? []).toEqual([]);
    expect(translated!.ok).toBe(true);

    const tests = await execa('python3', ['-m', 'pytest', '-q'], { cwd: dir, reject: false, env: { PYTHONDONTWRITEBYTECODE: '1', AWS_EC2_METADATA_DISABLED: 'true' } });
    expect(tests.exitCode, `${tests.stdout}${tests.stderr}`).toBe(0);
    expect(tests.stdout).toMatch(/\d+ passed/);
    expect(tests.stdout).not.toMatch(/failed|error/);

    const typed = await mypy(dir, []); // files and settings from pyproject.toml
    expect(typed.output).toMatch(/^Success: no issues found/m);
  }, 300_000);
});

describe('eda new --language python', () => {
  it('refuses a starter that has no Python version, naming those that do', async () => {
    const r = await eda(['new', 'x', '--template', 'fan-out', '--language', 'python', '--no-install', '--no-git', '--yes'], { cwd: tempDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('the fan-out starter is TypeScript only; Python starters: blank, api, order-pipeline');
  });

  it('names the Python starters when --template is missing and there is no terminal', async () => {
    const r = await eda(['new', 'x', '--language', 'python', '--no-install', '--no-git'], { cwd: tempDir(), input: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('eda new needs --template <starter> (one of blank, api, order-pipeline)');
  });
});
