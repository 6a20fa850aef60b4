// requirements: on a Python function (or in defaults) names a requirements.txt or
// pyproject.toml that must exist; on a Node.js function it is an error.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../src/pipeline/index.js';
import { validateText } from '../../../src/pipeline/validate.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eda-req-'));
  mkdirSync(join(dir, 'jobs'));
  writeFileSync(join(dir, 'jobs/requirements.txt'), 'requests\n');
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (yaml: string) =>
  validateText(yaml, { cwd: dir })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.col} ${d.message} (${d.hint})`);

describe('requirements', () => {
  it('takes an existing file on a Python function or in defaults into the model', async () => {
    const yaml = 'name: shop\nruntime: python3.13\ndefaults: { requirements: pyproject.toml }\nfunctions:\n  a: { requirements: jobs/requirements.txt }\n  b: {}\n  c: { runtime: nodejs24.x }\n';
    expect(problems(yaml)).toEqual([]);
    const { app } = await compile({ cwd: dir, text: yaml });
    expect(Object.fromEntries(app.functions.map((f) => [f.name, f.requirements]))).toEqual({ a: 'jobs/requirements.txt', b: 'pyproject.toml', c: undefined });
  });

  it('is an error at its place when the file does not exist, leads outside, or is not a requirements file', () => {
    expect(problems('name: shop\nruntime: python3.13\nfunctions:\n  a: { requirements: jobs/reqs.txt }\n')).toEqual([
      "4:22 requirements file 'jobs/reqs.txt' does not exist (create jobs/reqs.txt, or remove requirements: to use the code root's requirements.txt (else the project's))",
    ]);
    expect(problems('name: shop\nruntime: python3.13\ndefaults:\n  requirements: ../requirements.txt\nfunctions:\n  a: {}\n')).toEqual([
      "4:17 requirements file '../requirements.txt' is outside the project folder (use a path relative to app.yaml, such as requirements.txt)",
    ]);
    expect(problems('name: shop\nruntime: python3.13\nfunctions:\n  a: { requirements: setup.py }\n')[0]).toBe("4:22 functions.a.requirements: the string \"setup.py\" is not a requirements file (name a requirements.txt (any *.txt) or a pyproject.toml, e.g. requirements.txt or jobs/requirements.txt)");
  });

  it('is an error on a Node.js function', () => {
    expect(problems('name: shop\nfunctions:\n  a: { requirements: pyproject.toml }\n')).toEqual([
      "3:8 requirements applies to Python functions only, and 'a' runs nodejs24.x (set runtime: python3.13 on the function (Node.js dependencies come from package.json), or remove requirements)",
    ]);
  });

  it('fails eda validate with exit 1, the position and nothing written', () => {
    writeFileSync(join(dir, 'app.yaml'), 'name: shop\nruntime: python3.13\nfunctions:\n  ordersWorker:\n    requirements: requirement.txt\n');
    const before = readdirSync(dir).sort();
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../../bin/eda.js'), 'synth', '--cwd', dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("app.yaml:5:19");
    expect(r.stderr).toContain("requirements file 'requirement.txt' does not exist");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
