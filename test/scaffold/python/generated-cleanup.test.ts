// `eda synth` deletes the generated Python files (lambda_types.py, resources.py) of a code root
// the app no longer has Python functions in — only files eda wrote (its header line), saying so.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eda, tempProject } from '../../support/cli.js';

const exists = (dir: string, file: string) => existsSync(path.join(dir, file));

describe('generated Python files no longer needed', () => {
  it('are deleted by synth for a code root without Python functions, and kept for the others', async () => {
    const dir = tempProject({ 'app.yaml': 'name: m\nruntime: python3.12\nfunctions:\n  api: {}\n  nightly:\n    handler: jobs.nightly.run\n' });
    expect((await eda(['synth'], { cwd: dir })).exitCode).toBe(0);
    for (const f of ['src/generated/lambda_types.py', 'src/generated/resources.py', 'generated/lambda_types.py', 'generated/resources.py']) expect(exists(dir, f), f).toBe(true);

    // nightly (code root: the project folder) goes: its generated package goes with it
    writeFileSync(path.join(dir, 'app.yaml'), 'name: m\nruntime: python3.12\nfunctions:\n  api: {}\n');
    const check = await eda(['synth', '--check'], { cwd: dir });
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain('stale generated/resources.py (no longer generated)');
    const r = await eda(['synth'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/delete {2}generated\/lambda_types\.py/);
    expect(r.stdout).toMatch(/delete {2}generated\/resources\.py/);
    expect(exists(dir, 'generated/lambda_types.py')).toBe(false);
    expect(exists(dir, 'generated/resources.py')).toBe(false);
    expect(exists(dir, 'src/generated/resources.py')).toBe(true);
    expect(exists(dir, 'jobs/nightly.py')).toBe(true); // handlers are the user's: never deleted
    expect((await eda(['synth', '--check'], { cwd: dir })).exitCode).toBe(0);

    // the app turns Node.js: src's Python package goes, a TypeScript stub arrives
    writeFileSync(path.join(dir, 'app.yaml'), 'name: m\nfunctions:\n  api: {}\n');
    const json = await eda(['synth', '--json'], { cwd: dir });
    const files = (JSON.parse(json.stdout) as { files: { path: string; action: string }[] }).files;
    expect(files.filter((f) => f.action === 'DELETE').map((f) => f.path).sort()).toEqual(['src/generated/lambda_types.py', 'src/generated/resources.py']);
    expect(exists(dir, 'src/generated/resources.py')).toBe(false);
    expect(exists(dir, 'src/handlers/api.ts')).toBe(true);
    expect(exists(dir, 'src/handlers/api.py')).toBe(true);
  });

  it('keeps a file of the same name that eda did not write', async () => {
    const dir = tempProject({ 'app.yaml': 'name: m\nfunctions:\n  api: {}\n' });
    mkdirSync(path.join(dir, 'src/generated'), { recursive: true });
    const mine = '# my own resources module\nTABLE = "orders"\n';
    writeFileSync(path.join(dir, 'src/generated/resources.py'), mine);
    const r = await eda(['synth'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('delete');
    expect(readFileSync(path.join(dir, 'src/generated/resources.py'), 'utf8')).toBe(mine);
    expect((await eda(['synth', '--check'], { cwd: dir })).exitCode).toBe(0);
  });

  it('are deleted by eda remove function when it removes the last Python function', async () => {
    const dir = tempProject({ 'app.yaml': 'name: m\nfunctions:\n  a: {}\n' });
    expect((await eda(['add', 'function', 'worker', '--language', 'python', '--yes'], { cwd: dir })).exitCode).toBe(0);
    expect(exists(dir, 'src/generated/resources.py')).toBe(true);
    const r = await eda(['remove', 'function', 'worker', '--yes'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('DELETE src/generated/lambda_types.py');
    expect(r.stdout).toContain('DELETE src/generated/resources.py');
    expect(exists(dir, 'src/generated/lambda_types.py')).toBe(false);
    expect(exists(dir, 'src/generated/resources.py')).toBe(false);
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).not.toContain('worker');
    expect(exists(dir, 'src/handlers/worker.py')).toBe(true);
  });
});
