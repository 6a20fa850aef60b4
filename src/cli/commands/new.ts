// eda new [dir]: a project from a starter — asked for in a terminal, or given by flags.
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EdaError, UsageError } from '../../core/errors.js';
import { createUi, type Ui } from '../kit/output.js';
import { canPrompt, terminalPrompter, type Prompter } from '../kit/prompts.js';
import { applyFiles, planFiles, type FileAction, type PlannedFile } from '../../core/files.js';
import { edaDependency, installHint, type EdaDependency } from '../../scaffold/eda-dependency.js';
import { withProjectLock } from '../../core/lock.js';
import { NAME_RULE } from '../../core/name-pattern.js';
import { appNameFrom, NAME_PATTERN, packageManagers, projectFiles, runScript, type PackageManager } from '../../scaffold/project.js';
import { findStarter, starterNames, starters, type Starter } from '../../scaffold/starters/index.js';
import { findPythonStarter, languages, pythonStarterNames, pythonStarters, type Language } from '../../scaffold/starters/python.js';

export interface NewOptions {
  template?: string;
  /** typescript (default) | python: the language of the starter's functions */
  language?: string;
  name?: string;
  yes?: boolean;
  /** false with --no-install */
  install?: boolean;
  /** false with --no-git */
  git?: boolean;
  packageManager?: string;
  force?: boolean;
  cwd?: string;
}

export interface NewDeps {
  ui?: Ui;
  /** Set when questions can be asked (a terminal on both ends). */
  prompter?: Prompter;
  env?: NodeJS.ProcessEnv;
}

/** Everything `eda new` asks for, once it is decided. */
interface NewProject {
  /** The folder as given (for messages), and its absolute path. */
  dir: string;
  target: string;
  name: string;
  starter: Starter;
  language: Language;
  pm: PackageManager;
  /** Questions are asked for every choice (a terminal, and no --yes). */
  askAll: boolean;
}

export async function newCommand(dirArg: string | undefined, opts: NewOptions, deps: NewDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi();
  const env = deps.env ?? process.env;
  const prompter = deps.prompter ?? (canPrompt() ? terminalPrompter() : undefined);
  const base = path.resolve(opts.cwd ?? '.');

  // Check every flag before asking anything.
  checkFlags(opts);
  if (!prompter) refuseMissingAnswers(dirArg, opts);
  const project = await decide(dirArg, opts, prompter, env, base);
  await checkTarget(project, opts, prompter);

  // Everything is decided: build the files, plan them, write them all or nothing.
  const dep = edaDependency(env);
  const actions = await createProject(project, dep, ui);

  const relative = path.relative(base, project.target);
  // A path that climbs out of the current folder reads better absolute.
  const shown = relative === '' ? '.' : relative.startsWith('..') ? project.target : relative;
  showCreated(ui, project, shown, actions, dep);

  let exitCode = 0;
  if (opts.git !== false) await gitInit(project.target, ui);

  let installed = false;
  if (opts.install !== false) {
    installed = await install(project.pm, project.target, ui, dep);
    if (!installed) exitCode = 1;
  }
  showNextSteps(ui, project.pm, shown, installed, project.language);
  return exitCode;
}

function checkFlags(opts: NewOptions): void {
  if (opts.language !== undefined && !languages.includes(opts.language as Language)) {
    throw new UsageError(`unknown language '${opts.language}'`, `choose one of: ${languages.join(', ')}`);
  }
  if (opts.language === 'python' && opts.template !== undefined && !findPythonStarter(opts.template)) {
    const known = findStarter(opts.template) ? `the ${opts.template} starter is TypeScript only; ` : `unknown starter '${opts.template}'; `;
    throw new UsageError(`${known}Python starters: ${pythonStarterNames.join(', ')}`, `eda new <dir> --language python --template ${pythonStarterNames[0]}`);
  }
  if (opts.template !== undefined && !findStarter(opts.template)) {
    throw new UsageError(`unknown starter '${opts.template}'`, `choose one of: ${starterNames.join(', ')}`);
  }
  if (opts.name !== undefined && !NAME_PATTERN.test(opts.name)) {
    throw new UsageError(`'${opts.name}' is not a valid app name`, NAME_RULE);
  }
  if (opts.packageManager !== undefined && !packageManagers.includes(opts.packageManager as PackageManager)) {
    throw new UsageError(`unknown package manager '${opts.packageManager}'`, `choose one of: ${packageManagers.join(', ')}`);
  }
}

/** Required answers: the folder and the starter. Without a terminal each must be a flag. */
function refuseMissingAnswers(dirArg: string | undefined, opts: NewOptions): void {
  const missing: string[] = [];
  if (dirArg === undefined && opts.name === undefined) missing.push('the project folder: eda new <dir> (or --name <app>)');
  if (opts.template === undefined) missing.push(`--template <starter> (one of ${(opts.language === 'python' ? pythonStarterNames : starterNames).join(', ')})`);
  if (missing.length) {
    throw new UsageError(`eda new needs ${missing.join(' and ')}`, 'there is no terminal to ask in; pass them as arguments (add --yes to take the defaults for the rest)');
  }
}

/** The folder, app name, starter and package manager: from the flags, else asked, else defaults. */
async function decide(dirArg: string | undefined, opts: NewOptions, prompter: Prompter | undefined, env: NodeJS.ProcessEnv, base: string): Promise<NewProject> {
  const askAll = prompter !== undefined && !opts.yes;

  let dir = dirArg;
  if (dir === undefined && opts.name !== undefined && !askAll) dir = opts.name;
  if (dir === undefined) {
    dir = await prompter!.input({
      message: 'Project folder',
      default: opts.name ?? 'my-app',
      validate: (v) => (v.trim() ? true : 'a folder name, please'),
    });
    dir = dir.trim();
  }
  const target = path.resolve(base, dir);

  let name = opts.name;
  if (name === undefined) {
    const suggested = appNameFrom(target);
    name = askAll
      ? await prompter!.input({
          message: 'App name (the stack is <name>-<stage>)',
          default: suggested,
          validate: (v) => (NAME_PATTERN.test(v) ? true : NAME_RULE),
        })
      : suggested;
  }

  const language = (opts.language ?? 'typescript') as Language;
  const offered = language === 'python' ? pythonStarters : starters;
  let template = opts.template;
  if (template === undefined) {
    template = await prompter!.select({
      message: 'Starter',
      choices: offered.map((s) => ({ name: s.name, value: s.name, description: s.summary })),
      default: 'blank',
    });
  }
  const starter = offered.find((s) => s.name === template)!;

  let pm = opts.packageManager as PackageManager | undefined;
  if (pm === undefined) {
    const detected = detectPackageManager(env);
    pm = askAll
      ? await prompter!.select({ message: 'Package manager', choices: packageManagers.map((p) => ({ name: p, value: p })), default: detected })
      : detected;
  }
  return { dir, target, name, starter, language, pm, askAll };
}

/** The target can take the project: not under a file, no app yet, and empty unless --force or confirmed. */
async function checkTarget({ dir, target, askAll }: NewProject, opts: NewOptions, prompter: Prompter | undefined): Promise<void> {
  // A file where a folder of the path should be ("notes.txt/app") is one clear sentence.
  for (let up = path.dirname(target); !existsSync(target); up = path.dirname(up)) {
    if (existsSync(up)) {
      if (!statSync(up).isDirectory()) throw new EdaError(`cannot create ${dir}: ${up} is a file, not a folder`, 'choose another place for the project');
      break;
    }
    if (path.dirname(up) === up) break;
  }
  if (!existsSync(target)) return;
  const entries = (await readdir(target).catch(() => {
    throw new EdaError(`${target} exists and is not a folder`);
  })).filter((e) => e !== '.git' && e !== '.eda');
  if (entries.includes('app.yaml')) {
    throw new EdaError(`${dir} already holds an app (app.yaml)`, 'grow it with eda add, or choose another folder');
  }
  if (entries.length > 0 && !opts.force) {
    const go = askAll
      ? await prompter!.confirm({ message: `${dir} is not empty. Add the project anyway? (files that exist are kept)`, default: false })
      : false;
    if (!go) throw new EdaError(`${dir} is not empty`, 'choose another folder, or pass --force to add the project next to what is there (existing files are kept)');
  }
}

/** The starter's files plus what synth makes of its app.yaml, written all or nothing. */
async function createProject({ dir, target, name, starter, language, pm }: NewProject, dep: EdaDependency, ui: Ui): Promise<FileAction[]> {
  const files = await projectFiles({ appName: name, starter, packageManager: pm, edaSpec: dep.spec, language });
  const appYaml = files.find((f) => f.path === 'app.yaml')!.content;
  const { compile } = await import('../../pipeline/index.js');
  // synth reads the files app.yaml names (event and message schemas): compile where the starter's files already are
  const staging = await mkdtemp(path.join(tmpdir(), 'eda-new-'));
  let compiled: Awaited<ReturnType<typeof compile>>;
  try {
    for (const f of files) {
      await mkdir(path.dirname(path.join(staging, f.path)), { recursive: true });
      await writeFile(path.join(staging, f.path), f.content);
    }
    compiled = await compile({ cwd: staging, text: appYaml });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const mine = new Set(files.map((f) => f.path));
  const all: PlannedFile[] = [...files, ...compiled.files.filter((f) => !mine.has(f.path))];
  return writeProject(target, dir, all, ui);
}

function showCreated(ui: Ui, { name, starter }: NewProject, shown: string, actions: FileAction[], dep: EdaDependency): void {
  const c = ui.color;
  const written = actions.filter((a) => a.action !== 'SKIP');
  const kept = actions.filter((a) => a.action === 'SKIP');
  ui.out(`${c.green('✔')} Created ${c.bold(name)} in ${shown}/ from the ${c.bold(starter.name)} starter (${written.length} files)`);
  for (const a of written) ui.out(`  ${c.green('CREATE')} ${a.path}`);
  for (const a of kept) ui.out(`  ${c.dim('SKIP')}   ${a.path} ${c.dim('(exists, kept)')}`);
  if (dep.source === 'local') {
    ui.out(`  This eda is not installed from the registry, so package.json depends on this copy of it: ${c.bold(dep.spec)}`);
    ui.out(c.dim('  (keep it where it is, or set EDA_PACKAGE_SPEC to choose another eda)'));
  }
}

function showNextSteps(ui: Ui, pm: PackageManager, shown: string, installed: boolean, language: Language): void {
  ui.out('');
  ui.out(ui.color.bold('Next:'));
  const steps = [
    shown === '.' ? undefined : `cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}`,
    installed ? undefined : `${pm} install`,
    language === 'python' ? 'python3 -m pytest' : runScript(pm, 'test'),
    `${pm === 'npm' ? 'npx' : pm} eda add queue jobs          # grow the app one resource at a time`,
    runScript(pm, 'deploy'),
  ].filter(Boolean);
  for (const s of steps) ui.out(`  ${s}`);
}

/** Writes the files under the project's lock; a project that appeared meanwhile is refused. */
async function writeProject(target: string, dir: string, files: PlannedFile[], ui: Ui): Promise<FileAction[]> {
  const made = await mkdir(target, { recursive: true });
  try {
    return await withProjectLock(
      target,
      async () => {
        if (existsSync(path.join(target, 'app.yaml'))) throw new EdaError(`${dir} already holds an app (app.yaml)`, 'grow it with eda add, or choose another folder');
        const actions = await planFiles(target, files);
        await applyFiles(target, actions);
        return actions;
      },
      { onWait: () => ui.err(ui.color.dim('Waiting for another eda command in this folder to finish…')) },
    );
  } catch (error) {
    if (made) await rm(made, { recursive: true, force: true });
    throw error;
  }
}

function detectPackageManager(env: NodeJS.ProcessEnv): PackageManager {
  const agent = env.npm_config_user_agent ?? '';
  if (agent.startsWith('pnpm')) return 'pnpm';
  if (agent.startsWith('yarn')) return 'yarn';
  return 'npm';
}

async function gitInit(dir: string, ui: Ui): Promise<void> {
  const { execa } = await import('execa');
  try {
    const inside = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false });
    if (inside.exitCode === 0 && inside.stdout.trim() === 'true') {
      ui.out(ui.color.dim('  (already inside a git repository: no git init)'));
      return;
    }
    await execa('git', ['init', '--quiet'], { cwd: dir });
    ui.out(`${ui.color.green('✔')} Initialized a git repository`);
  } catch (error) {
    ui.err(`${ui.color.yellow('warning')} git init failed: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function install(pm: PackageManager, dir: string, ui: Ui, dep: EdaDependency): Promise<boolean> {
  const { execa } = await import('execa');
  const started = Date.now();
  ui.out(`${ui.color.cyan('…')} Installing dependencies with ${pm} (this can take a minute)`);
  // In a terminal the package manager shows its own progress; otherwise its output is kept
  // and shown only if it fails, with a line every 15 s so logs show it is alive.
  const inTerminal = ui.isTTY;
  const ticker = inTerminal ? undefined : setInterval(() => ui.out(`  still installing (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
  try {
    const result = await execa(pm, ['install'], {
      cwd: dir,
      reject: false,
      stdin: 'ignore',
      stdout: inTerminal ? 'inherit' : 'pipe',
      stderr: inTerminal ? 'inherit' : 'pipe',
      all: !inTerminal,
    });
    if (result.failed) {
      if (!inTerminal && result.all) ui.err(String(result.all).split('\n').slice(-30).join('\n'));
      const reason = result.exitCode === undefined ? (result.shortMessage ?? 'it could not start') : `exit code ${result.exitCode}`;
      ui.err(`${ui.color.red('error')} ${pm} install failed (${reason}); the project is created in ${dir}`);
      ui.err(`  hint: ${installHint(dep, String(result.all ?? ''), `${pm} install`)}`);
      return false;
    }
    ui.out(`${ui.color.green('✔')} Installed dependencies in ${Math.round((Date.now() - started) / 1000)} s`);
    return true;
  } finally {
    if (ticker) clearInterval(ticker);
  }
}
