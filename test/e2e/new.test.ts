// eda new as a user runs it: every starter created, validated, synthesized and cfn-lint clean;
// the refusals of a run without a terminal; non-empty folders; the package spec.
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnLint } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';
import { ensureBuilt } from '../scaffold/support/built.js';

const starters = ['blank', 'api', 'order-pipeline', 'fan-out', 'scheduled'];
const offline = ['--no-install', '--no-git'];

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('eda new <dir> --template <starter>', () => {
  const root = tempDir('eda-new-');
  const created: Record<string, string> = {};

  beforeAll(async () => {
    for (const s of starters) {
      const run = await eda(['new', s, '--template', s, ...offline], { cwd: root });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      created[s] = path.join(root, s);
    }
  }, 120_000);

  it.each(starters)('%s: a complete project', (s) => {
    const dir = created[s]!;
    for (const f of ['app.yaml', 'package.json', 'tsconfig.json', '.gitignore', 'README.md', 'template.yaml']) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    const appYaml = readFileSync(path.join(dir, 'app.yaml'), 'utf8');
    expect(appYaml.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/eda/schema/app.schema.json');
    expect(appYaml).toMatch(new RegExp(`^name: ${s}\\b`, 'm'));
    // Written out in full, as a person would: no YAML anchors or aliases.
    expect(appYaml).not.toMatch(/(^|\s)[&*][A-Za-z]\w*\s*$/m);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe(s);
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['build', 'typecheck', 'test', 'synth', 'deploy', 'dev']));
    // Run from this clone (no node_modules above it): the project depends on this very copy.
    expect(pkg.devDependencies).toMatchObject({ eda: `file:${repoRoot.replace(/\/$/, '')}`, typescript: expect.any(String), vitest: expect.any(String), '@types/aws-lambda': expect.any(String), '@types/node': expect.any(String) });
    expect(readdirSync(path.join(dir, 'test')).some((f) => f.endsWith('.test.ts'))).toBe(true);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`# ${s}`);
  });

  it.each(starters)('%s: eda validate and eda synth succeed in it', async (s) => {
    const dir = created[s]!;
    const validate = await eda(['validate'], { cwd: dir });
    expect(validate.stdout + validate.stderr).toContain('valid');
    expect(validate.exitCode).toBe(0);
    const synth = await eda(['synth'], { cwd: dir });
    expect(synth.exitCode).toBe(0);
    // Handlers the starter wrote are never replaced by stubs.
    expect(readFileSync(path.join(dir, 'app.yaml'), 'utf8')).toContain('name:');
  });

  it('all five templates are cfn-lint clean', async () => {
    const lint = await cfnLint(starters.map((s) => path.join(created[s]!, 'template.yaml')));
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
  }, 300_000);

  it('order-pipeline has the seed workflow and names its table orders', () => {
    const appYaml = readFileSync(path.join(created['order-pipeline']!, 'app.yaml'), 'utf8');
    for (const state of ['ValidateOrder', 'ProcessPayment', 'IsPaymentSuccessful', 'ShipOrder', 'PaymentFailed']) expect(appYaml).toContain(state);
    expect(appYaml).toMatch(/^tables:\n {2}orders:/m);
    const handler = readFileSync(path.join(created['order-pipeline']!, 'src/handlers/createOrder.ts'), 'utf8');
    expect(handler).toContain("import { events, resources, type OrderPlaced } from '../generated/resources.js';");
    expect(handler).toContain('resources.tables.orders.name');
    // the bus is reached through the typed put of the OrderPlaced contract, which names it
    expect(handler).toContain('await events.orderPlaced.put(order);');
    const generated = readFileSync(path.join(created['order-pipeline']!, 'src/generated/resources.ts'), 'utf8');
    expect(generated).toContain('put: (detail: OrderPlaced): Promise<string> => putEvent(read("ORDERS_BUS_NAME"');
    for (const schema of ['order-placed', 'payment', 'notification']) expect(existsSync(path.join(created['order-pipeline']!, 'schemas', `${schema}.json`)), schema).toBe(true);
    expect(handler).not.toContain('process.env');
  });
});

describe('eda new without a terminal', () => {
  it('names every missing answer as a flag, exits 2 and writes nothing', async () => {
    const dir = tempDir('eda-new-');
    const run = await eda(['new', ...offline], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--template');
    expect(run.stderr).toContain('eda new <dir>');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--yes takes defaults for the rest, but the starter must be named', async () => {
    const dir = tempDir('eda-new-');
    const missing = await eda(['new', 'app', '--yes', ...offline], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--template <starter>');
    expect(readdirSync(dir)).toEqual([]);
    const ok = await eda(['new', 'My Shop', '--template', 'blank', '--yes', ...offline], { cwd: dir });
    expect(ok.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'My Shop', 'app.yaml'), 'utf8')).toMatch(/^name: my-shop\b/m);
  });

  it('refuses an unknown starter, a bad name and an unknown package manager', async () => {
    const dir = tempDir('eda-new-');
    for (const args of [
      ['x', '--template', 'nope'],
      ['x', '--template', 'blank', '--name', 'Bad_Name'],
      ['x', '--template', 'blank', '--package-manager', 'bun'],
    ]) {
      const run = await eda(['new', ...args, ...offline], { cwd: dir });
      expect(run.exitCode, args.join(' ')).toBe(2);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('eda new into an existing folder', () => {
  it('refuses a folder that is not empty, unless --force, and keeps what was there', async () => {
    const dir = tempDir('eda-new-');
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app', 'README.md'), 'mine\n');
    const refused = await eda(['new', 'app', '--template', 'blank', ...offline], { cwd: dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readdirSync(path.join(dir, 'app'))).toEqual(['README.md']);

    const forced = await eda(['new', 'app', '--template', 'blank', '--force', ...offline], { cwd: dir });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(/SKIP\s+README\.md/);
    expect(readFileSync(path.join(dir, 'app', 'README.md'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(dir, 'app', 'app.yaml'))).toBe(true);

    // A file where a folder should be: one clear sentence, exit 1, nothing written.
    writeFileSync(path.join(dir, 'notes.txt'), 'x\n');
    const file = await eda(['new', 'notes.txt/app', '--template', 'blank', ...offline], { cwd: dir });
    expect(file.exitCode).toBe(1);
    expect(file.stderr).toContain('is a file, not a folder');
    expect(file.stderr).not.toContain('ENOTDIR');

    // An app is never created on top of another one, even with --force.
    const again = await eda(['new', 'app', '--template', 'api', '--force', ...offline], { cwd: dir });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already holds an app');
  });
});

describe('package.json and git', () => {
  it('uses EDA_PACKAGE_SPEC for eda itself, and runs git init', async () => {
    const dir = tempDir('eda-new-');
    const run = await eda(['new', 'app', '--template', 'blank', '--no-install'], { cwd: dir, env: { EDA_PACKAGE_SPEC: 'file:/somewhere/eda' } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'app', 'package.json'), 'utf8')).devDependencies.eda).toBe('file:/somewhere/eda');
    expect(existsSync(path.join(dir, 'app', '.git'))).toBe(true);
    const status = await execa('git', ['status', '--porcelain'], { cwd: path.join(dir, 'app') });
    expect(status.stdout).toContain('app.yaml');
    expect(run.stdout).toContain('Next:');
    expect(run.stdout).toContain('npm install');
  });
});
