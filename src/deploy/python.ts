// Packaging a Python function as Lambda runs it: the code root's files (no caches, virtualenvs,
// tests, node_modules or dotfiles) plus its dependencies, installed by pip for the function's
// platform (manylinux2014 on its architecture, CPython of its runtime, wheels only), zipped
// deterministically. Installs are cached under .eda/build/python by what decides them (the
// requirements, platform and Python version), so an unchanged function hashes the same
// without running pip again. PIP_* variables (an index, find-links, no-index) pass through.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { EdaError } from '../core/errors.js';
import { deterministicZip, directoryEntries, sha256, type ZipEntry } from './zip.js';

const run = promisify(execFile);

export interface PythonPackageOptions {
  logicalId: string;
  /** Absolute code root (the template's CodeUri). */
  codeDir: string;
  /** The project folder. */
  cwd: string;
  /** python3.13 */
  runtime: string;
  architecture: 'arm64' | 'x86_64';
  /** requirements.txt or pyproject.toml relative to the project (app.yaml's requirements); unset: the code root's requirements.txt, else the project's. */
  requirements?: string;
  /** Where installs are cached (unset: not cached). */
  cacheDir?: string;
}

/** What a code root never ships: bytecode caches, virtualenvs, tests, Node's packages. */
const SKIPPED = ['__pycache__', '.venv', 'venv', 'tests', 'test', 'node_modules', '.git', '.eda', '.aws-sam'];

export const lambdaPlatform = (architecture: 'arm64' | 'x86_64') => `manylinux2014_${architecture === 'arm64' ? 'aarch64' : 'x86_64'}`;

/** The requirements file a function's dependencies come from, or undefined for none. */
export function requirementsFile(o: Pick<PythonPackageOptions, 'codeDir' | 'cwd' | 'requirements'>): string | undefined {
  if (o.requirements) return path.resolve(o.cwd, o.requirements);
  return [path.join(o.codeDir, 'requirements.txt'), path.join(o.cwd, 'requirements.txt')].find((f) => existsSync(f));
}

/**
 * A requirements.txt with its includes (-r other.txt, as the starters' src/requirements.txt names
 * the project's) read in place, and constraint files (-c) made absolute: pip reads a copy of the
 * lines elsewhere, so paths relative to the file would not resolve, and what is cached by these
 * lines must change when an included file does.
 */
async function textRequirements(file: string, including: string[]): Promise<string> {
  if (including.includes(file)) throw new EdaError(`${path.basename(file)} includes itself (through ${including.map((f) => path.basename(f)).join(' → ')})`, 'remove the -r line that leads back to it');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EdaError(`cannot read the requirements file ${file}${including.length ? ` (included by ${including[including.length - 1]})` : ''}`, 'fix the -r line, or create the file');
  }
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const include = /^\s*(-r|--requirement)(?:\s*=\s*|\s+|(?<=-r))(\S+)\s*$/.exec(line);
    const constraint = /^\s*(-c|--constraint)(?:\s*=\s*|\s+|(?<=-c))(\S+)\s*$/.exec(line);
    if (include) out.push(await textRequirements(path.resolve(path.dirname(file), include[2]!), [...including, file]));
    else if (constraint) out.push(`-c ${path.resolve(path.dirname(file), constraint[2]!)}\n`);
    else out.push(`${line}\n`);
  }
  return out.join('');
}

/** The requirement lines of a requirements.txt, or of a pyproject.toml's [project] dependencies. */
async function requirementLines(file: string): Promise<string> {
  if (!file.endsWith('.toml')) return textRequirements(file, []);
  const text = await readFile(file, 'utf8');
  let parsed: { project?: { dependencies?: unknown } };
  try {
    parsed = parseToml(text) as typeof parsed;
  } catch (error) {
    throw new EdaError(`${file} is not valid TOML: ${(error as Error).message.split('\n')[0]}`, 'fix the file, or point requirements: at a requirements.txt');
  }
  const deps = parsed.project?.dependencies ?? [];
  if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string')) throw new EdaError(`${file}: [project] dependencies must be a list of requirement strings`);
  return deps.map((d) => `${d}\n`).join('');
}

/** The function's zip: its code root and its installed dependencies. */
export async function pythonPackage(o: PythonPackageOptions): Promise<Buffer> {
  const sources = (await directoryEntries(o.codeDir, { skip: SKIPPED })).filter((e) => !e.name.split('/').some((part) => part.startsWith('.')) && !e.name.endsWith('.pyc'));
  const file = requirementsFile(o);
  const deps = file ? await dependencies(o, file) : [];
  // a source file wins over a dependency's file of the same name
  const names = new Set(sources.map((e) => e.name));
  return deterministicZip([...sources, ...deps.filter((e) => !names.has(e.name))]);
}

async function dependencies(o: PythonPackageOptions, file: string): Promise<ZipEntry[]> {
  const lines = await requirementLines(file);
  if (!lines.split('\n').some((l) => l.trim() && !l.trim().startsWith('#'))) return [];
  const platform = lambdaPlatform(o.architecture);
  const version = o.runtime.replace(/^python/, '');
  const key = sha256(JSON.stringify([1, lines, platform, version]));
  const cached = o.cacheDir ? path.join(o.cacheDir, 'python', key) : undefined;
  if (cached && existsSync(cached)) return installedEntries(cached);
  // beside the cache, so the finished install moves into it by a rename
  if (o.cacheDir) await mkdir(path.join(o.cacheDir, 'python'), { recursive: true });
  const work = await mkdtemp(o.cacheDir ? path.join(o.cacheDir, 'python', 'pip-') : path.join(tmpdir(), 'eda-pip-'));
  try {
    const target = path.join(work, 'target');
    const requirements = path.join(work, 'requirements.txt');
    await writeFile(requirements, lines);
    await pipInstall(o, requirements, target, platform, version, file);
    if (!cached) return await installedEntries(target);
    await rename(target, cached).catch(async () => undefined); // another deploy may have cached it meanwhile
    return installedEntries(existsSync(cached) ? cached : target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function installedEntries(dir: string): Promise<ZipEntry[]> {
  return (await directoryEntries(dir, { skip: ['__pycache__'] })).filter((e) => !e.name.endsWith('.pyc'));
}

async function pipInstall(o: PythonPackageOptions, requirements: string, target: string, platform: string, version: string, file: string): Promise<void> {
  const python = process.env.EDA_PYTHON || 'python3';
  const args = ['-m', 'pip', 'install', '-r', requirements, '--target', target, '--platform', platform, '--implementation', 'cp', '--python-version', version, '--only-binary=:all:', '--no-compile', '--disable-pip-version-check', '--no-input', '--quiet'];
  const shown = path.relative(o.cwd, file) || file;
  try {
    await run(python, args, { cwd: o.cwd, env: process.env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new EdaError(`Packaging ${o.logicalId} needs ${python} with pip to install ${shown}, and ${python} was not found`, 'install Python 3 with pip (or set EDA_PYTHON to one)');
    const stderr = e.stderr ?? '';
    const missing = /No matching distribution found for ([^\s]+)/.exec(stderr)?.[1];
    if (missing) {
      throw new EdaError(
        `Packaging ${o.logicalId}: no wheel of '${missing}' (from ${shown}) is available for Lambda's ${platform} platform and Python ${version}`,
        `Lambda needs a binary wheel: pick a version of ${missing} that publishes ${platform} (or pure-Python) wheels, or drop it from ${shown}`,
      );
    }
    const last = stderr.trim().split('\n').filter((l) => l.trim()).slice(-3).join('\n');
    throw new EdaError(`Packaging ${o.logicalId}: pip could not install ${shown}:\n${last || e.message}`);
  }
}

/** The requirements app.yaml names for its Python functions, by logical ID (for buildAssets). */
export function pythonRequirements(app: { functions: { logicalId: string; requirements?: string }[] }): Record<string, { requirements?: string }> {
  return Object.fromEntries(app.functions.filter((f) => f.requirements).map((f) => [f.logicalId, { requirements: f.requirements }]));
}
