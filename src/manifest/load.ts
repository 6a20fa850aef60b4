// app.yaml → parsed document → schema check → semantic checks → App model.
// Every problem found on the way is returned (or thrown) at once, with its position.
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidAppError, EdaError } from '../cli/errors.js';
import { buildApp } from '../model/build.js';
import type { App } from '../model/types.js';
import type { AppManifest } from './app.types.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { Problem } from './problems.js';
import { validateSchema } from './schema.js';
import { checkSemantics } from './semantics.js';
import { SourceFile } from './source.js';

export const MANIFEST_FILE = 'app.yaml';

export interface Validated {
  manifest?: AppManifest;
  diagnostics: Diagnostic[];
  source: SourceFile;
  /** Workflow definitions read from files, by workflow name. */
  definitions: Map<string, unknown>;
}

export interface Project {
  cwd: string;
  file: string;
  text: string;
  manifest: AppManifest;
  app: App;
  source: SourceFile;
  warnings: Diagnostic[];
}

/** Validates manifest text; never throws for bad input. */
export function validateText(text: string, opts: { file?: string; cwd: string; stage?: string }): Validated {
  const source = new SourceFile(opts.file ?? MANIFEST_FILE, text);
  const definitions = new Map<string, unknown>();
  const syntax = source.syntaxDiagnostics();
  if (syntax.some((d) => d.severity === 'error')) return { diagnostics: sortDiagnostics(syntax), source, definitions };
  const value = source.doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    return {
      diagnostics: [
        source.diagnostic({ line: 1, col: 1 }, value == null ? `${source.file} is empty` : `${source.file} must be a mapping of keys (name:, functions:, ...)`, {
          code: 'manifest-empty',
          hint: 'start with:  name: my-app',
        }),
      ],
      source,
      definitions,
    };
  }
  const sources = new Map<string, SourceFile>([[source.file, source]]);
  const schemaProblems: Problem[] = validateSchema(value);
  const problems: Problem[] = [...schemaProblems];
  // Semantic checks run even when the shape is wrong, on a copy without the parts that are,
  // so one run reports every problem.
  const manifest = (schemaProblems.length ? pruned(value, schemaProblems) : value) as AppManifest;
  if (manifest) {
    const definitionFiles = new Map<string, { file: string; definition: unknown }>();
    for (const [name, wf] of Object.entries(manifest.workflows ?? {})) {
      if (typeof wf.definition !== 'string') continue;
      const rel = wf.definition;
      const abs = path.resolve(opts.cwd, rel);
      if (!existsSync(abs)) {
        problems.push({ path: ['workflows', name, 'definition'], code: 'asl-file', message: `workflow definition file '${rel}' does not exist`, hint: `create ${rel}, or write the definition inline` });
        continue;
      }
      const defSource = new SourceFile(rel, readFileSync(abs, 'utf8'));
      sources.set(rel, defSource);
      const defSyntax = defSource.syntaxDiagnostics();
      if (defSyntax.length) {
        syntax.push(...defSyntax);
        continue;
      }
      const definition = defSource.doc.toJS();
      definitionFiles.set(name, { file: rel, definition });
      definitions.set(name, definition);
    }
    problems.push(...checkSemantics(manifest, { definitionFiles }));
  }
  const diagnostics = [...syntax, ...problems.map((p) => toDiagnostic(p, sources.get(p.file ?? source.file) ?? source))];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return { manifest: errors.length ? undefined : manifest, diagnostics: sortDiagnostics(dedupe(diagnostics)), source, definitions };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const LISTS = new Set(['uses', 'triggers', 'subscriptions', 'targets']);

/** A copy of the manifest without what the schema rejected (whole list items, or the bad key). */
function pruned(value: object, problems: Problem[]): object | undefined {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const p of problems) {
    if (p.code === 'schema-required') continue;
    if (p.path.length === 0) return undefined;
    let cut = p.path.length - 1;
    for (let i = p.path.length - 1; i > 0; i--) {
      if (typeof p.path[i] === 'number' && LISTS.has(String(p.path[i - 1]))) {
        cut = i;
        break;
      }
    }
    let parent: unknown = copy;
    for (const segment of p.path.slice(0, cut)) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[segment] : undefined;
    if (!parent || typeof parent !== 'object') continue;
    const key = p.path[cut]!;
    if (Array.isArray(parent)) parent[key as number] = null;
    else delete (parent as Record<string, unknown>)[key];
  }
  return copy;
}

export function toDiagnostic(p: Problem, source: SourceFile): Diagnostic {
  let at = source.locate(p.path, p.at ?? 'value');
  if (p.offset !== undefined) {
    const scalar = source.scalarAt(p.path);
    if (scalar && !scalar.multiline) at = source.positionOf(scalar.offset + p.offset);
  }
  return source.diagnostic(at, p.message, { hint: p.hint, code: p.code, severity: p.severity, path: p.path });
}

/** Reads, validates and models <cwd>/app.yaml. Throws InvalidAppError listing every problem. */
export async function loadProject(opts: { cwd: string; stage?: string; text?: string }): Promise<Project> {
  const cwd = path.resolve(opts.cwd);
  const file = path.join(cwd, MANIFEST_FILE);
  let text = opts.text;
  if (text === undefined) {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EdaError(`no ${MANIFEST_FILE} in ${cwd}`, 'run eda new to start a project, or pass --cwd <folder with app.yaml>');
      }
      throw error;
    }
  }
  const result = validateText(text, { cwd, stage: opts.stage });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !result.manifest) throw new InvalidAppError(result.diagnostics);
  const app = buildApp(result.manifest, opts.stage ?? 'dev', { definitions: result.definitions });
  return {
    cwd,
    file,
    text,
    manifest: result.manifest,
    app,
    source: result.source,
    warnings: result.diagnostics.filter((d) => d.severity === 'warning'),
  };
}
