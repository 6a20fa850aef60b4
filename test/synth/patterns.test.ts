// Every public pattern written as an app (examples/patterns/<pattern>/app.yaml, and any app.yaml
// in its subfolders, e.g. the other side of a two-stack pattern): validated and synthesized by
// the real CLI with no resources: or overrides:, clean under cfn-lint, and accepted by AWS's
// SAM translator.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { eda, repoRoot, tempDir } from '../support/cli.js';

const root = path.join(repoRoot, 'examples', 'patterns');

/** Folders (relative to examples/patterns) holding an app.yaml, at any depth. */
function appFolders(dir: string, rel = ''): string[] {
  const here = existsSync(path.join(dir, 'app.yaml')) && rel ? [rel] : [];
  const subs = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'src' && d.name !== 'node_modules');
  return [...here, ...subs.flatMap((d) => appFolders(path.join(dir, d.name), rel ? `${rel}/${d.name}` : d.name))];
}

const apps = existsSync(root) ? appFolders(root) : [];
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const app of apps) {
    const dir = tempDir('eda-pattern-');
    cpSync(path.join(root, app), dir, { recursive: true });
    const validated = await eda(['validate', '--cwd', dir]);
    expect(validated.exitCode, `${app}: ${validated.stderr}`).toBe(0);
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode, `${app}: ${run.stderr}`).toBe(0);
    dirs.set(app, dir);
  }
}, 300_000);

describe.each(apps)('pattern %s', (app) => {
  it('is written without resources: or overrides:, and has a README', () => {
    const manifest = parse(readFileSync(path.join(root, app, 'app.yaml'), 'utf8'));
    expect(manifest.resources).toBeUndefined();
    expect(manifest.overrides).toBeUndefined();
    expect(existsSync(path.join(root, app.split('/')[0]!, 'README.md'))).toBe(true);
  });
});

describe('every pattern template', () => {
  it('is clean under cfn-lint and accepted by the SAM translator', async () => {
    expect(apps.length).toBeGreaterThan(0);
    const files = apps.map((a) => path.join(dirs.get(a)!, 'template.yaml'));
    const lint = await cfnLint(files);
    expect(lint.output).toBe('');
    expect(lint.exitCode).toBe(0);
    for (const r of await samTranslate(files)) expect(r.errors ?? [], r.file).toEqual([]);
  }, 300_000);
});
