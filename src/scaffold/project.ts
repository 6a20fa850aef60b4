// The files of a new project: app.yaml, package.json and tsconfig.json built as data and
// serialized; handlers, tests and the README rendered from templates/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedFile } from '../core/files.js';
import { manifestText } from './manifest-doc.js';
import { edaDependency } from './eda-dependency.js';
import { rangeOf, templatesDir } from './paths.js';
import { render, walk } from './render.js';
import type { Starter } from './starters/index.js';
import { buildApp } from '../kinds/build.js';
import type { AppManifest } from '../manifest/app.types.js';
import { buildGraph, readmeBlock } from '../graph/index.js';
import { renderMermaid } from '../graph/mermaid.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';
export const packageManagers: PackageManager[] = ['npm', 'pnpm', 'yarn'];

export { NAME_PATTERN } from '../core/name-pattern.js';

export interface ProjectSpec {
  appName: string;
  starter: Starter;
  packageManager: PackageManager;
  /** How package.json names eda itself (see eda-dependency.ts). */
  edaSpec?: string;
  /** The functions' language (default typescript); python: a starter of starters/python.ts. */
  language?: 'typescript' | 'python';
}

/** A valid app name from a folder name: "My Shop!" → "my-shop". */
export function appNameFrom(folder: string): string {
  const base = path
    .basename(path.resolve(folder))
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
    .slice(0, 48)
    .replace(/-$/, '');
  return base || 'my-app';
}

/** How to run a package script with this package manager. */
export function runScript(pm: PackageManager, script: string): string {
  if (pm === 'npm') return script === 'test' ? 'npm test' : `npm run ${script}`;
  return `${pm} ${script}`;
}

export async function projectFiles(spec: ProjectSpec): Promise<PlannedFile[]> {
  if (spec.language === 'python') return (await import('./python/project.js')).pythonProjectFiles(spec);
  const { appName, starter } = spec;
  const { manifest, notes } = starter.manifest(appName);
  const data = {
    appName,
    starter: starter.name,
    summary: starter.summary,
    description: String(manifest.description ?? appName),
    run: spec.packageManager === 'npm' ? 'npm run' : spec.packageManager,
    /** How to run a dependency's command: npx eda, pnpm eda, yarn eda. */
    exec: spec.packageManager === 'npm' ? 'npx' : spec.packageManager,
    /** The event-flow diagram, as `eda graph --readme` writes it (so --check-readme passes). */
    /** Whether the starter declares event or message contracts (the README explains them). */
    contracts: manifest.events !== undefined,
    diagram: readmeBlock(renderMermaid(buildGraph(buildApp(manifest as unknown as AppManifest, 'dev')))),
  };
  const files: PlannedFile[] = [
    { path: 'app.yaml', content: manifestText(manifest, notes), mode: 'create-if-missing' },
    { path: 'package.json', content: json(packageJson(spec)), mode: 'create-if-missing' },
    { path: 'tsconfig.json', content: json(tsconfig()), mode: 'create-if-missing' },
    { path: '.gitignore', content: await readFile(path.join(templatesDir(), 'project', 'gitignore'), 'utf8'), mode: 'create-if-missing' },
    { path: 'README.md', content: await render('project/README.md.hbs', data), mode: 'create-if-missing' },
  ];
  for (const shared of starter.shared ?? []) {
    files.push({ path: shared, content: await render(`project/${shared}.hbs`, data), mode: 'create-if-missing' });
  }
  const root = path.join(templatesDir(), 'starters', starter.name);
  for (const rel of await walk(root)) {
    if (!rel.endsWith('.hbs')) continue;
    files.push({ path: rel.slice(0, -'.hbs'.length), content: await render(`starters/${starter.name}/${rel}`, data), mode: 'create-if-missing' });
  }
  return files;
}

function packageJson(spec: ProjectSpec): Record<string, unknown> {
  const dev: Record<string, string> = {
    eda: spec.edaSpec ?? edaDependency().spec,
    typescript: rangeOf('typescript', '~5.9.3'),
    vitest: rangeOf('vitest', '^4.1.12'),
    '@types/aws-lambda': rangeOf('@types/aws-lambda', '^8.10.164'),
    '@types/node': rangeOf('@types/node', '^20.19.43'),
  };
  for (const client of spec.starter.sdk) dev[client] = rangeOf(client, '^3.1169.0');
  return {
    name: spec.appName,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      build: 'eda synth && tsc --noEmit',
      typecheck: 'tsc --noEmit',
      test: 'eda test',
      synth: 'eda synth',
      deploy: 'eda deploy',
      dev: 'eda dev',
    },
    devDependencies: Object.fromEntries(Object.entries(dev).sort(([a], [b]) => (a < b ? -1 : 1))),
    engines: { node: '>=20.19' },
  };
}

function tsconfig(): Record<string, unknown> {
  return {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      isolatedModules: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['src', 'test'],
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
