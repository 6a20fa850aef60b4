// `eda add function` writes Python functions: --language python in a Node.js app (runtime on the
// entry, a typed .py stub), by default in a Python app; --handler must suit the language; and
// `eda remove function` keeps a .py handler as it keeps a .ts one.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eda, tempProject } from '../../support/cli.js';

describe('eda add function, python', () => {
  it('--language python in a Node.js app names the runtime on the entry and writes a typed .py stub', async () => {
    const dir = tempProject({ 'app.yaml': 'name: m\nfunctions:\n  a: {}\nqueues:\n  jobs: {}\n' });
    const r = await eda(['add', 'function', 'worker', '--trigger', 'queue:jobs', '--language', 'python', '--yes'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain("Write worker's logic in src/handlers/worker.py");
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toContain('  worker:\n    runtime: python3.13\n    triggers:\n      - queue: jobs\n');
    expect(readFileSync(path.join(dir, 'src/handlers/worker.py'), 'utf8')).toContain('def handler(event: SQSEvent, context: Context) -> SQSBatchResponse:');
    expect(existsSync(path.join(dir, 'src/generated/lambda_types.py'))).toBe(true);
    expect(existsSync(path.join(dir, 'test/worker.test.ts'))).toBe(false); // a pytest test, not a vitest one
    expect(readFileSync(path.join(dir, 'tests/test_worker.py'), 'utf8')).toContain('def test_processes_a_batch_and_reports_no_failures() -> None:');
    const removed = await eda(['remove', 'function', 'worker', '--yes'], { cwd: dir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Kept src/handlers/worker.py');
    expect(existsSync(path.join(dir, 'src/handlers/worker.py'))).toBe(true);
  });

  it('writes Python by default in a Python app, and --language typescript names a Node.js runtime', async () => {
    const dir = tempProject({ 'app.yaml': 'name: p\nruntime: python3.12\nfunctions:\n  a: {}\n' });
    expect((await eda(['add', 'function', 'hello', '--trigger', 'http:GET /hello', '--yes'], { cwd: dir })).exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'src/handlers/hello.py'), 'utf8')).toContain('def handler(event: APIGatewayProxyEventV2, context: Context) -> APIGatewayProxyResultV2:');
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).not.toMatch(/hello:\n\s+runtime/);
    for (const [name, trigger] of [['tick', 'schedule:rate(5 minutes)'], ['step', undefined]] as const) {
      const added = await eda(['add', 'function', name, ...(trigger ? ['--trigger', trigger] : []), '--yes'], { cwd: dir });
      expect(added.exitCode, added.stderr).toBe(0);
    }
    // each new Python function's first pytest test passes against its stub, with no pyproject.toml
    expect(readdirSync(path.join(dir, 'tests')).sort()).toEqual(['test_hello.py', 'test_step.py', 'test_tick.py']);
    const tests = await execa('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], { cwd: dir, reject: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    expect(tests.exitCode, `${tests.stdout}${tests.stderr}`).toBe(0);
    expect(tests.stdout).toContain('4 passed');
    // a failing handler fails its test
    writeFileSync(path.join(dir, 'src/handlers/hello.py'), readFileSync(path.join(dir, 'src/handlers/hello.py'), 'utf8').replace('return respond(200,', 'return respond(500,'));
    const failing = await execa('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/test_hello.py'], { cwd: dir, reject: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    expect(failing.exitCode).toBe(1);
    expect((await eda(['add', 'function', 'web', '--language', 'typescript', '--yes'], { cwd: dir })).exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toContain('  web:\n    runtime: nodejs24.x\n');
    expect(existsSync(path.join(dir, 'src/handlers/web.ts'))).toBe(true);
  });

  it('refuses a --handler of the other language, writing nothing', async () => {
    const yaml = 'name: m\nfunctions:\n  a: {}\n';
    const dir = tempProject({ 'app.yaml': yaml });
    const r = await eda(['add', 'function', 'w', '--handler', 'src/w.ts', '--language', 'python', '--yes'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--handler: 'src/w.ts' should be a .py file path or module.function (the function is Python)");
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toBe(yaml);
    const ok = await eda(['add', 'function', 'w', '--handler', 'jobs.nightly.run', '--language', 'python', '--yes'], { cwd: dir });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'jobs/nightly.py'), 'utf8')).toContain('\ndef run(event: Any, context: Context) -> dict[str, Any]:'); // Lambda calls jobs.nightly.run
  });
});
