// eda deploy's Python packages: the code root without caches, virtualenvs, tests or dotfiles,
// plus the dependencies pip installs for Lambda's platform, zipped the same bytes every time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAssets } from '../../src/deploy/build.js';
import { pythonPackage, type PythonPackageOptions } from '../../src/deploy/python.js';
import { writeWheel } from '../support/wheels.js';

let dir: string;
const saved = { index: process.env.PIP_NO_INDEX, links: process.env.PIP_FIND_LINKS };

/** The entry names of a zip, in order (read from its central directory). */
async function zipNames(body: Buffer): Promise<string[]> {
  const eocd = body.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = body.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = body.readUInt16LE(eocd + 10); i > 0; i--) {
    const nameLen = body.readUInt16LE(p + 28);
    names.push(body.subarray(p + 46, p + 46 + nameLen).toString());
    p += 46 + nameLen + body.readUInt16LE(p + 30) + body.readUInt16LE(p + 32);
  }
  return names;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eda-pypkg-'));
  const files: Record<string, string> = {
    'src/handlers/orders.py': 'import tinydep\ndef handler(event, context):\n    return tinydep.VERSION\n',
    'src/handlers/__pycache__/orders.cpython-311.pyc': 'bytecode',
    'src/.env': 'SECRET=1',
    'src/tests/test_orders.py': 'def test(): pass\n',
    'src/.venv/lib/x.py': '',
    'src/requirements.txt': 'tinydep==1.0\n',
    'jobs/requirements.txt': 'nativedep==2.0\n',
    'jobs/nightly.py': 'def run(event, context):\n    return 1\n',
    'missing/requirements.txt': 'tinydep==1.0\nnosuchpkg==3.1\n',
    'missing/x.py': '',
    'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["tinydep==1.0"]\n',
    'wheels/.keep': '',
    // as the Python starters write them: the code root's file includes the project's
    'starter/src/requirements.txt': '# for sam build\n-r ../requirements.txt\n',
    'starter/src/handlers/a.py': '',
    'starter/requirements.txt': '# none yet\n',
    'nested/src/requirements.txt': '--requirement=../requirements.txt\n',
    'nested/src/a.py': '',
    'nested/requirements.txt': '-r more/requirements.txt\n',
    'nested/more/requirements.txt': 'tinydep==1.0\n',
    'loop/requirements.txt': '-r requirements.txt\n',
    'loop/a.py': '',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  writeWheel(join(dir, 'wheels'), 'tinydep', '1.0');
  writeWheel(join(dir, 'wheels'), 'nativedep', '2.0', 'cp313-cp313-manylinux2014_x86_64');
  process.env.PIP_NO_INDEX = '1';
  process.env.PIP_FIND_LINKS = join(dir, 'wheels');
});

afterAll(() => {
  if (saved.index === undefined) delete process.env.PIP_NO_INDEX;
  else process.env.PIP_NO_INDEX = saved.index;
  if (saved.links === undefined) delete process.env.PIP_FIND_LINKS;
  else process.env.PIP_FIND_LINKS = saved.links;
  rmSync(dir, { recursive: true, force: true });
});

const options = (parts: Partial<PythonPackageOptions> = {}): PythonPackageOptions => ({ logicalId: 'OrdersFunction', codeDir: join(dir, 'src'), cwd: dir, runtime: 'python3.13', architecture: 'arm64', ...parts });

describe('Python packages', () => {
  it("hold the code root's sources and the wheels of its requirements, and nothing else", async () => {
    const names = await zipNames(await pythonPackage(options({ cacheDir: join(dir, '.eda/build') })));
    expect(names).toEqual(['handlers/orders.py', 'requirements.txt', 'tinydep-1.0.dist-info/INSTALLER', 'tinydep-1.0.dist-info/METADATA', 'tinydep-1.0.dist-info/RECORD', 'tinydep-1.0.dist-info/REQUESTED', 'tinydep-1.0.dist-info/WHEEL', 'tinydep/__init__.py']);
  });

  it('are the same bytes every time: from a fresh install, and from the cache', async () => {
    const first = await pythonPackage(options());
    const second = await pythonPackage(options());
    const cached = await pythonPackage(options({ cacheDir: join(dir, '.eda/build') }));
    expect(second.equals(first)).toBe(true);
    expect(cached.equals(first)).toBe(true);
  });

  it('run no pip when the install is cached: the same requirements, platform and Python', async () => {
    const cacheDir = join(dir, '.eda/build');
    const cached = await pythonPackage(options({ cacheDir }));
    process.env.EDA_PYTHON = join(dir, 'no-python-here');
    try {
      expect((await pythonPackage(options({ cacheDir }))).equals(cached)).toBe(true);
      // another platform is another install, which needs pip
      await expect(pythonPackage(options({ cacheDir, architecture: 'x86_64' }))).rejects.toThrow(/needs .*no-python-here with pip to install src\/requirements\.txt, and .* was not found/);
    } finally {
      delete process.env.EDA_PYTHON;
    }
  });

  it("install for the function's architecture: a wheel of the other platform is a clear error naming it", async () => {
    const x86 = await zipNames(await pythonPackage(options({ logicalId: 'NightlyFunction', codeDir: join(dir, 'jobs'), architecture: 'x86_64' })));
    expect(x86).toContain('nativedep/__init__.py');
    await expect(pythonPackage(options({ logicalId: 'NightlyFunction', codeDir: join(dir, 'jobs') }))).rejects.toMatchObject({
      name: 'EdaError',
      message: "Packaging NightlyFunction: no wheel of 'nativedep==2.0' (from jobs/requirements.txt) is available for Lambda's manylinux2014_aarch64 platform and Python 3.13",
    });
  });

  it('name a dependency that has no wheel at all', async () => {
    await expect(pythonPackage(options({ logicalId: 'MissingFunction', codeDir: join(dir, 'missing') }))).rejects.toThrow(/no wheel of 'nosuchpkg==3\.1' \(from missing\/requirements\.txt\)/);
  });

  it("take a pyproject.toml's dependencies when app.yaml names it", async () => {
    const names = await zipNames(await pythonPackage(options({ codeDir: join(dir, 'missing'), requirements: 'pyproject.toml' })));
    expect(names).toContain('tinydep/__init__.py');
    expect(names).not.toContain('nosuchpkg/__init__.py');
  });

  it('read -r includes relative to the including file (the starters\' src/requirements.txt), at any depth', async () => {
    // only comments once included: no pip at all
    process.env.EDA_PYTHON = join(dir, 'no-python-here');
    try {
      expect(await zipNames(await pythonPackage(options({ codeDir: join(dir, 'starter/src'), cwd: join(dir, 'starter') })))).toEqual(['handlers/a.py', 'requirements.txt']);
    } finally {
      delete process.env.EDA_PYTHON;
    }
    const names = await zipNames(await pythonPackage(options({ codeDir: join(dir, 'nested/src'), cwd: join(dir, 'nested') })));
    expect(names).toContain('tinydep/__init__.py');
    await expect(pythonPackage(options({ codeDir: join(dir, 'loop'), cwd: join(dir, 'loop') }))).rejects.toMatchObject({ name: 'EdaError', message: 'requirements.txt includes itself (through requirements.txt)' });
  });

  it('are what buildAssets uploads for a Python function of a template', async () => {
    const template = {
      Resources: {
        OrdersFunction: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'src', Handler: 'handlers.orders.handler', Runtime: 'python3.13', Architectures: ['arm64'] } },
      },
    };
    const built = await buildAssets(template, { cwd: dir });
    const names = await zipNames(Buffer.from(built.assets[0]!.body));
    expect(names).toContain('tinydep/__init__.py');
    expect(names).toContain('handlers/orders.py');
    const fresh = await pythonPackage(options());
    expect(await zipNames(fresh)).toEqual(names);
    expect(Buffer.from(built.assets[0]!.body).equals(fresh)).toBe(true);
  });
});
