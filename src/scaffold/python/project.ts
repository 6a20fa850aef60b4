// The files of a new Python project (`eda new --language python`): app.yaml, a package.json that
// only installs eda, pyproject.toml (metadata, pytest and mypy settings), requirements.txt (and
// src/requirements.txt for sam build), the handlers and pytest tests of the starter, and a
// tests/conftest.py whose fakes stand in for AWS.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedFile } from '../../core/files.js';
import { buildGraph, readmeBlock } from '../../graph/index.js';
import { renderMermaid } from '../../graph/mermaid.js';
import { buildApp } from '../../kinds/build.js';
import type { AppManifest } from '../../manifest/app.types.js';
import type { App } from '../../model/types.js';
import { edaDependency } from '../eda-dependency.js';
import { manifestText } from '../manifest-doc.js';
import { templatesDir } from '../paths.js';
import type { ProjectSpec } from '../project.js';
import { render, walk } from '../render.js';

/** The environment tests run handlers with: each `uses` variable holding the resource's app.yaml name. */
function testEnvironment(app: App): string {
  const env = new Map<string, string>();
  for (const fn of app.functions) for (const u of fn.uses) env.set(u.envVar, u.name);
  if (!env.size) return '{}';
  return `{\n${[...env].sort().map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n')}\n}`;
}

export async function pythonProjectFiles(spec: ProjectSpec): Promise<PlannedFile[]> {
  const { appName, starter } = spec;
  const { manifest, notes } = starter.manifest(appName);
  const app = buildApp(manifest as unknown as AppManifest, 'dev');
  const data = {
    appName,
    starter: starter.name,
    summary: starter.summary,
    description: String(manifest.description ?? appName),
    runtime: String(manifest.runtime),
    exec: spec.packageManager === 'npm' ? 'npx' : spec.packageManager,
    diagram: readmeBlock(renderMermaid(buildGraph(app))),
    pyEnvironment: testEnvironment(app),
  };
  const project = (file: string) => path.join('project-python', file);
  const files: PlannedFile[] = [
    { path: 'app.yaml', content: manifestText(manifest, notes), mode: 'create-if-missing' },
    { path: 'package.json', content: `${JSON.stringify(packageJson(spec), null, 2)}\n`, mode: 'create-if-missing' },
    { path: '.gitignore', content: await readFile(path.join(templatesDir(), project('gitignore')), 'utf8'), mode: 'create-if-missing' },
    { path: 'README.md', content: await render(project('README.md.hbs'), data), mode: 'create-if-missing' },
    { path: 'pyproject.toml', content: await render(project('pyproject.toml.hbs'), data), mode: 'create-if-missing' },
    { path: 'requirements.txt', content: await render(project('requirements.txt.hbs'), data), mode: 'create-if-missing' },
    { path: 'src/requirements.txt', content: await render(project('src-requirements.txt.hbs'), data), mode: 'create-if-missing' },
    { path: 'src/lib/aws.py', content: await render(project('src/lib/aws.py.hbs'), data), mode: 'create-if-missing' },
    { path: 'tests/conftest.py', content: await render(project('tests/conftest.py.hbs'), data), mode: 'create-if-missing' },
  ];
  const root = path.join(templatesDir(), 'starters-python', starter.name);
  for (const rel of await walk(root)) {
    if (!rel.endsWith('.hbs')) continue;
    files.push({ path: rel.slice(0, -'.hbs'.length), content: await render(`starters-python/${starter.name}/${rel}`, data), mode: 'create-if-missing' });
  }
  // the contracts (JSON Schemas of events and messages) are the TypeScript twin's, language-neutral
  const schemas = path.join(templatesDir(), 'starters', starter.name, 'schemas');
  for (const rel of existsSync(schemas) ? await walk(schemas) : []) {
    if (!rel.endsWith('.hbs')) continue;
    files.push({ path: `schemas/${rel.slice(0, -'.hbs'.length)}`, content: await render(`starters/${starter.name}/schemas/${rel}`, data), mode: 'create-if-missing' });
  }
  return files;
}

/** Only eda: the handlers' dependencies are Python's (requirements.txt). */
function packageJson(spec: ProjectSpec): Record<string, unknown> {
  return {
    name: spec.appName,
    version: '0.1.0',
    private: true,
    scripts: { synth: 'eda synth', test: 'python3 -m pytest', typecheck: 'python3 -m mypy', dev: 'eda dev', deploy: 'eda deploy' },
    devDependencies: { eda: spec.edaSpec ?? edaDependency().spec },
    engines: { node: '>=20.19' },
  };
}
