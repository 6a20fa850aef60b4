// app.yaml → parsed document → schema check → semantic checks. Every problem found on the way
// is returned at once, with its position. The App model is built from the result by the
// pipeline (src/pipeline/), which walks every stage.
import { readFile } from 'node:fs/promises';
import { requirementsProblems } from './requirements.js';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { statSync } from 'node:fs';
import path from 'node:path';
import { EdaError } from '../core/errors.js';
import type { AppManifest } from './app.types.js';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { closest } from '../core/did-you-mean.js';
import type { Problem } from './problems.js';
import { validateSchema } from './schema.js';
import { insideProject, MAX_DEFINITION_BYTES, MAX_MANIFEST_BYTES, notRegular, readProjectFile } from './files.js';
import { checkResourceLimit } from './limits.js';
import type { SemanticContext } from './semantics.js';
import { colonWithoutSpace } from './yaml-errors.js';
import { deepPath, NESTED_HINT, NESTED_TOO_DEEPLY, SourceFile, tooDeep, type Path } from './source.js';

export const MANIFEST_FILE = 'app.yaml';

export interface Validated {
  manifest?: AppManifest;
  diagnostics: Diagnostic[];
  /** The parsed document with positions (parsed on first use). */
  readonly source: SourceFile;
  /** Workflow definitions read from files, by workflow name. */
  definitions: Map<string, unknown>;
  /** Event schemas read from files (`events.X.schema: file`), by event name. */
  eventSchemas: Map<string, unknown>;
}

/**
 * YAML → value, fast: js-yaml with the core schema (as YAML 1.2 reads it). Undefined when the
 * text is not plain valid YAML; then the yaml package parses it again to say exactly where.
 */
function quickParse(text: string): { value: unknown } | undefined {
  // Aliases go the careful way: the yaml package caps their expansion (a "billion laughs"
  // document would otherwise grow without bound as the value is walked).
  if (/(^|[:-]\s|[[{,])\s*\*[^\s,[\]{}]/m.test(text)) return undefined;
  try {
    return { value: loadYaml(text, { schema: CORE_SCHEMA, json: false }) };
  } catch {
    return undefined;
  }
}

/** Reads a YAML file's value, or its positioned syntax diagnostics. */
function readYaml(file: string, text: string, lazy: () => SourceFile): { value?: unknown; syntax: Diagnostic[] } {
  const quick = quickParse(text);
  if (quick) return checkDepth(quick.value, lazy);
  let source: SourceFile;
  try {
    source = lazy();
  } catch (error) {
    if (!tooDeep(error)) throw error;
    return { syntax: [{ file, line: 1, col: 1, message: NESTED_TOO_DEEPLY, hint: NESTED_HINT, severity: 'error', code: 'yaml-depth' }] };
  }
  const syntax = source.syntaxDiagnostics();
  if (syntax.some((d) => d.severity === 'error')) return { syntax };
  try {
    const read = checkDepth(source.doc.toJS({ maxAliasCount: 100 }), lazy);
    return { value: read.value, syntax: [...syntax, ...read.syntax] };
  } catch (error) {
    if (tooDeep(error)) return { syntax: [...syntax, source.diagnostic({ line: 1, col: 1 }, NESTED_TOO_DEEPLY, { code: 'yaml-depth', hint: NESTED_HINT })] };
    // e.g. an alias (*name) whose anchor (&name) is not set before it
    const alias = /\*[^\s,\]}]+/.exec(text);
    const at = alias ? source.positionOf(alias.index) : { line: 1, col: 1 };
    const message = (error as Error).message;
    const hint = /excessive alias/i.test(message) ? 'aliases here expand into too much data; write the values out instead' : 'define the anchor (&name) before using the alias (*name)';
    return { syntax: [...syntax, source.diagnostic(at, message, { code: 'yaml-alias', hint })] };
  }
}

/** Refuses a value nested deeper than eda walks, at the first too-deep place. */
function checkDepth(value: unknown, lazy: () => SourceFile): { value?: unknown; syntax: Diagnostic[] } {
  const deep = deepPath(value);
  if (!deep) return { value, syntax: [] };
  const source = lazy();
  return { syntax: [source.diagnostic(source.locate(deep), NESTED_TOO_DEEPLY, { code: 'yaml-depth', hint: NESTED_HINT })] };
}

/** Validates manifest text; never throws for bad input. */
/** The semantic checks validation runs after the schema: each kind's (src/kinds/check.ts), given by the pipeline. */
export type SemanticCheck = (m: AppManifest, ctx: SemanticContext) => Problem[];

/** Validates app.yaml's text: YAML, the schema, definition files, then `semantic` on what is left. */
export function validateDocument(text: string, opts: { file?: string; cwd: string; stage?: string }, semantic: SemanticCheck): Validated {
  const file = opts.file ?? MANIFEST_FILE;
  let sourceFile: SourceFile | undefined;
  const source = () => (sourceFile ??= new SourceFile(file, text));
  const definitions = new Map<string, unknown>();
  const eventSchemas = new Map<string, unknown>();
  const result = (manifest: AppManifest | undefined, diagnostics: Diagnostic[]): Validated => ({
    manifest,
    diagnostics,
    definitions,
    eventSchemas,
    get source() {
      return source();
    },
  });
  const { value, syntax } = readYaml(file, text, source);
  if (syntax.some((d) => d.severity === 'error')) return result(undefined, sortDiagnostics(syntax));
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    return result(undefined, [
      source().diagnostic({ line: 1, col: 1 }, value == null ? `${file} is empty` : `${file} must be a mapping of keys (name:, functions:, ...)`, {
        code: 'manifest-empty',
        hint: 'start with:  name: my-app',
      }),
    ]);
  }
  const sources = new Map<string, () => SourceFile>([[file, source]]);
  normalizeEmptyEntries(value as Record<string, unknown>);
  const schemaProblems: Problem[] = validateSchema(value).map((p) => missingSpace(p, value));
  const problems: Problem[] = [...schemaProblems];
  // Semantic checks run even when the shape is wrong, on a copy without the parts that are,
  // so one run reports every problem.
  const manifest = (schemaProblems.length ? pruned(value, schemaProblems) : value) as AppManifest;
  const tooBig = manifest ? checkResourceLimit(manifest, opts.stage ?? 'dev') : undefined;
  if (tooBig) {
    // Certain to exceed the stack limit: say so now, before reading definitions or walking
    // tens of thousands of entries for finer problems.
    problems.push(tooBig);
  } else if (manifest) {
    const definitionFiles = new Map<string, { file: string; definition: unknown }>();
    for (const [name, wf] of Object.entries(manifest.workflows ?? {})) {
      if (!wf || typeof wf.definition !== 'string' || !insideProject(wf.definition)) continue;
      const rel = wf.definition;
      const read = readProjectFile(opts.cwd, rel, MAX_DEFINITION_BYTES);
      if ('missing' in read) {
        problems.push({ path: ['workflows', name, 'definition'], code: 'asl-file', message: `workflow definition file '${rel}' does not exist`, hint: `create ${rel}, or write the definition inline` });
        continue;
      }
      if ('problem' in read) {
        problems.push({ path: ['workflows', name, 'definition'], ...read.problem });
        continue;
      }
      const defText = read.text;
      let defSource: SourceFile | undefined;
      const lazy = () => (defSource ??= new SourceFile(rel, defText));
      sources.set(rel, lazy);
      const parsed = readYaml(rel, defText, lazy);
      syntax.push(...parsed.syntax);
      if (parsed.value === undefined) continue;
      definitionFiles.set(name, { file: rel, definition: parsed.value });
      definitions.set(name, parsed.value);
    }
    const eventSchemaFiles = readEventSchemas(manifest, opts.cwd, sources, syntax, problems);
    for (const [name, read] of eventSchemaFiles) eventSchemas.set(name, read.schema);
    problems.push(...semantic(manifest, { definitionFiles, stage: opts.stage, eventSchemaFiles }));
    problems.push(...requirementsProblems(manifest, opts.cwd));
  }
  if (!problems.length && !syntax.length) return result(manifest, []);
  const diagnostics = [...syntax, ...problems.map((p) => toDiagnostic(p, (sources.get(p.file ?? file) ?? source)()))];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return result(errors.length ? undefined : manifest, sortDiagnostics(dedupe(diagnostics)));
}

/** A mapping written `key:value` is one string to YAML; say so at the colon. */
function missingSpace(p: Problem, root: unknown): Problem {
  if (p.code !== 'schema-type' || !/must be a mapping/.test(p.message)) return p;
  let v: unknown = root;
  for (const seg of p.path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  const colon = colonWithoutSpace(v);
  if (colon === undefined) return p;
  const text = v as string;
  const fixed = `${text.slice(0, colon + 1)} ${text.slice(colon + 1)}`;
  return { ...p, offset: colon, message: `'${text}' is one string to YAML: a key's colon needs a space after it`, hint: `write ${fixed}` };
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
const SECTIONS = ['functions', 'apis', 'tables', 'queues', 'topics', 'buses', 'rules', 'workflows', 'stages'];

/** `orders:` with nothing after it means an entry with no settings, as `orders: {}` does. */
function normalizeEmptyEntries(value: Record<string, unknown>): void {
  for (const section of SECTIONS) {
    const entries = value[section];
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) if (entry === null) (entries as Record<string, unknown>)[name] = {};
  }
}

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
    // A whole entry of the wrong type stays declared (empty), so references to it still resolve.
    else if (cut === 1 && SECTIONS.includes(String(p.path[0]))) (parent as Record<string, unknown>)[key] = {};
    else delete (parent as Record<string, unknown>)[key];
  }
  return copy;
}

export function toDiagnostic(p: Problem, source: SourceFile): Diagnostic {
  let at = source.locate(p.path, p.at ?? 'value');
  if (p.offset !== undefined) {
    const scalar = source.scalarAt(p.path);
    if (scalar && !scalar.multiline) at = source.positionOf(scalar.offset + p.offset);
    else at = source.literalPosition(p.path, p.offset) ?? at;
  }
  return source.diagnostic(at, p.message, { hint: p.hint, code: p.code, severity: p.severity, path: p.path });
}

/** Reads <cwd>/app.yaml: only a regular file, at most MAX_MANIFEST_BYTES; errors say what to do. */
export async function readManifest(cwd: string): Promise<{ file: string; text: string }> {
  const file = path.join(cwd, MANIFEST_FILE);
  try {
    // Only a regular file is read: a FIFO or a device (or a link to one) would block forever.
    const stats = statSync(file);
    const irregular = stats.isDirectory() ? undefined : notRegular(file, MANIFEST_FILE);
    if (irregular) throw new EdaError(`${file}: ${irregular.message}`, 'app.yaml must be a YAML file');
    if (stats.size > MAX_MANIFEST_BYTES) throw new EdaError(`${file} is ${stats.size} bytes; eda reads at most ${MAX_MANIFEST_BYTES}`, 'is this the right file? split very large apps into several');
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new EdaError(`no ${MANIFEST_FILE} in ${cwd}`, 'run eda new to start a project, or pass --cwd <folder with app.yaml>');
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new EdaError(`${cwd} is not a folder`, 'pass --cwd the folder that holds app.yaml');
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new EdaError(`${file} is a folder, not a file`, 'app.yaml must be a YAML file');
    if ((error as NodeJS.ErrnoException).code === 'EACCES') throw new EdaError(`cannot read ${file}: permission denied`);
    throw error;
  }
}

/** A warning when the stage asked for is not declared under stages (so none of its overrides apply). */
export function stageWarning(manifest: AppManifest, stage: string, source: () => SourceFile): Diagnostic | undefined {
  const stages = Object.keys(manifest.stages ?? {});
  if (!stages.length || stages.includes(stage) || stage === 'dev') return undefined;
  const near = closest(stage, stages);
  return toDiagnostic(
    { path: ['stages'], at: 'key', severity: 'warning', code: 'stage-undeclared', message: `stage '${stage}' is not declared under stages, so no stage overrides apply`, hint: near ? `did you mean '${near}'?` : `declared stages: ${stages.join(', ')}` },
    source(),
  );
}


/**
 * The schema files `events:` entries name (by event name) and topics' and queues' `message:`
 * names (by `topics.<name>` / `queues.<name>`), JSON or YAML, read once with their positions.
 */
function readEventSchemas(manifest: AppManifest, cwd: string, sources: Map<string, () => SourceFile>, syntax: Diagnostic[], problems: Problem[]): Map<string, { file: string; schema: unknown }> {
  const out = new Map<string, { file: string; schema: unknown }>();
  const wanted: { key: string; rel: string; at: Path; what: string }[] = [];
  for (const [name, ev] of Object.entries(manifest.events ?? {})) {
    if (ev && typeof ev.schema === 'string') wanted.push({ key: name, rel: ev.schema, at: ['events', name, 'schema'], what: "the event's detail" });
  }
  for (const section of ['topics', 'queues'] as const) {
    for (const [name, spec] of Object.entries(manifest[section] ?? {})) {
      if (spec && typeof spec.message === 'string') wanted.push({ key: `${section}.${name}`, rel: spec.message, at: [section, name, 'message'], what: 'its messages' });
    }
  }
  for (const { key, rel, at, what } of wanted) {
    if (!insideProject(rel)) {
      problems.push({ path: at, code: 'path-outside', message: `schema file '${rel}' is outside the project folder`, hint: `keep ${at[0] === 'events' ? 'event' : 'message'} schemas in the project, e.g. schemas/${at[1]}.json` });
      continue;
    }
    const read = readProjectFile(cwd, rel, MAX_DEFINITION_BYTES);
    if ('missing' in read) {
      problems.push({ path: at, code: 'event-schema-file', message: `schema file '${rel}' does not exist`, hint: `create ${rel} (a JSON Schema of ${what}), or write the schema inline` });
      continue;
    }
    if ('problem' in read) {
      problems.push({ path: at, ...read.problem });
      continue;
    }
    let fileSource: SourceFile | undefined;
    const text = read.text;
    const lazy = () => (fileSource ??= new SourceFile(rel, text));
    sources.set(rel, lazy);
    const parsed = readYaml(rel, text, lazy);
    syntax.push(...parsed.syntax);
    if (parsed.value !== undefined) out.set(key, { file: rel, schema: parsed.value });
  }
  return out;
}
