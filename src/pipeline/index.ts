// The one walk from app.yaml to files, for one stage:
//   load (read app.yaml) → validate (syntax, schema, meaning) → model (the App graph)
//   → synth (the template object, serialized once) → stubs (handler files, resources module).
// Commands call loadProject (for the model: dev, invoke) or compile (for the files: validate,
// synth, deploy, add/remove, new). Every problem found on the way is thrown at once as an
// InvalidAppError; nothing is written here.
import path from 'node:path';
import { EdaError, InvalidAppError, UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { refuseForeignOut, type PlannedFile } from '../core/files.js';
import type { AppManifest } from '../manifest/app.types.js';
import { notRegular, projectRealPath, resolveInside } from '../manifest/files.js';
import { MANIFEST_FILE, readManifest, stageWarning, toDiagnostic } from '../manifest/load.js';
import { validateText } from './validate.js';
import { mark } from './timing.js';
import type { Problem } from '../manifest/problems.js';
import type { SourceFile } from '../manifest/source.js';
import { buildApp } from '../kinds/build.js';
import type { App } from '../model/types.js';
import { LIMITS, serializeTemplate, synthTemplate, TEMPLATE_FILE, type Template } from '../synth/index.js';

export interface Project {
  cwd: string;
  file: string;
  text: string;
  manifest: AppManifest;
  app: App;
  /** The parsed document with positions (parsed on first use). */
  readonly source: SourceFile;
  warnings: Diagnostic[];
}

export interface Compiled {
  project: Project;
  app: App;
  template: Template;
  templateText: string;
  files: PlannedFile[];
}

export interface PipelineOptions {
  cwd: string;
  /** The stage whose overrides apply (default dev). */
  stage?: string;
  /** app.yaml's text, when it is not read from <cwd>/app.yaml (an edit not yet written). */
  text?: string;
}

/** load → validate → model: reads, validates and models <cwd>/app.yaml. Throws InvalidAppError listing every problem. */
export async function loadProject(opts: PipelineOptions): Promise<Project> {
  mark('pipeline loaded');
  const cwd = path.resolve(opts.cwd);
  const { file, text } = opts.text === undefined ? await readManifest(cwd) : { file: path.join(cwd, MANIFEST_FILE), text: opts.text };
  const result = validateText(text, { cwd, stage: opts.stage });
  mark('validated');
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !result.manifest) throw new InvalidAppError(result.diagnostics);
  const stage = opts.stage ?? 'dev';
  const app = buildApp(result.manifest, stage, { definitions: result.definitions, eventSchemas: result.eventSchemas });
  mark('modelled');
  const warning = stageWarning(result.manifest, stage, () => result.source);
  if (warning) result.diagnostics.push(warning);
  return {
    cwd,
    file,
    text,
    manifest: result.manifest,
    app,
    get source() {
      return result.source;
    },
    warnings: result.diagnostics.filter((d) => d.severity !== 'error'),
  };
}

/** load → validate → model → synth → stubs: the template and every file synth writes. Throws InvalidAppError with every problem. */
export async function compile(opts: PipelineOptions & { out?: string }): Promise<Compiled> {
  const project = await loadProject(opts);
  const { template, problems } = synthTemplate(project.app);
  mark('synthesized');
  const templateText = serializeTemplate(template);
  mark('emitted');
  if (Buffer.byteLength(templateText) > LIMITS.templateBytes) {
    problems.push({ path: [], code: 'limit-size', message: `the template is ${Buffer.byteLength(templateText)} bytes; CloudFormation accepts at most ${LIMITS.templateBytes}`, hint: 'split the app into several apps' });
  }
  const dynamicReferences = templateText.match(/\{\{resolve:/g)?.length ?? 0;
  if (dynamicReferences > LIMITS.dynamicReferences) {
    problems.push({ path: [], code: 'limit-dynamic-references', message: `the template holds ${dynamicReferences} dynamic references (\${ssm:...}, \${secret:...}); CloudFormation accepts at most ${LIMITS.dynamicReferences}`, hint: 'read some values at run time instead, or pass them as parameters' });
  }
  if (problems.length) throw new InvalidAppError([...problems.map((p) => toDiagnostic(p, project.source)), ...project.warnings]);
  const { handlerFiles } = await import('../scaffold/handlers.js');
  const { eventsSection } = await import('../scaffold/event-types.js');
  const { pythonFiles } = await import('../scaffold/python/index.js');
  const files: PlannedFile[] = [{ path: opts.out ?? TEMPLATE_FILE, content: templateText, mode: 'overwrite' }, ...handlerFiles(project.app, project.cwd, await eventsSection(project.app)), ...pythonFiles(project.app, project.cwd)];
  checkFilesToWrite(project, files, opts.out);
  mark('stubs planned');
  return { project, app: project.app, template, templateText, files };
}

/** How a template begins (YAML or JSON): what --out may replace. */
const TEMPLATE_SIGNATURE = /^(AWSTemplateFormatVersion|Transform|Resources):|^\s*"(AWSTemplateFormatVersion|Transform|Resources)"\s*:/m;

/** --out replaces an earlier template only: never app.yaml, a file synth also writes, or any other file already there. */
function checkOut(cwd: string, out: string, files: PlannedFile[]): void {
  const abs = path.resolve(cwd, out);
  const taken = abs === path.resolve(cwd, MANIFEST_FILE) || files.slice(1).some((f) => path.resolve(cwd, f.path) === abs);
  if (taken) throw new UsageError(`--out ${out} is ${abs === path.resolve(cwd, MANIFEST_FILE) ? 'the app itself' : 'a file eda synth also writes'}: the template cannot go there`, 'write the template to a new file, e.g. --out build/template.yaml');
  refuseForeignOut(cwd, out, 'a template', 'template.yaml', (text) => TEMPLATE_SIGNATURE.test(text));
}

/**
 * Every file synth reads or writes must really be inside the project (symbolic links resolved)
 * and, when it exists, be a regular file: a handler linked to a FIFO would block the comparison
 * read, a linked src/generated/ would carry the write elsewhere. An explicit --out may go anywhere.
 */
function checkFilesToWrite(project: Project, files: PlannedFile[], out: string | undefined): void {
  if (out !== undefined) checkOut(project.cwd, out, files);
  const problems: Problem[] = [];
  const root = projectRealPath(project.cwd);
  for (const f of files) {
    const where = f.path === out ? { abs: path.resolve(project.cwd, f.path) } : resolveInside(project.cwd, f.path, root);
    const problem = 'problem' in where ? where.problem : notRegular(where.abs, f.path);
    if (!problem) continue;
    const fn = project.app.functions.find((x) => x.handlerFile === f.path);
    if (!fn) throw new EdaError(problem.message, problem.hint);
    const written = project.manifest.functions?.[fn.name]?.handler !== undefined;
    problems.push({ ...problem, path: written ? [...fn.path, 'handler'] : fn.path, at: written ? 'value' : 'key' });
  }
  if (problems.length) throw new InvalidAppError([...problems.map((p) => toDiagnostic(p, project.source)), ...project.warnings]);
}
