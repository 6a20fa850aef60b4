// eda invoke: runs one handler once, locally, with an event from a file or a realistic
// sample for its trigger, and prints what it returned. The local services run meanwhile,
// so the handler's SDK calls land somewhere harmless and show in the trace (on stderr).
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SampleKind } from '../../local/samples.js';
import type { App, FunctionModel } from '../../model/types.js';
import { EdaError, InvalidAppError, UsageError } from '../../core/errors.js';
import type { Project } from '../../pipeline/index.js';
import { createUi, type Ui } from '../kit/output.js';

export interface InvokeCommandOptions {
  cwd?: string;
  stage?: string;
  event?: string;
  sample?: string | boolean;
  json?: boolean;
  /** Invoke the deployed function instead (invoke-remote.ts). */
  remote?: boolean;
  /** With --remote: an Event invocation. */
  async?: boolean;
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

export interface InvokeIo {
  ui?: Ui;
  stdin?: NodeJS.ReadableStream;
}

export async function readEvent(file: string, cwd: string, stdin?: NodeJS.ReadableStream): Promise<unknown> {
  let text: string;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin ?? process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch {
      throw new EdaError(`cannot read the event file ${file}`, 'pass a JSON or YAML file with --event <file> (or - for stdin)');
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text);
    } catch (error) {
      const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      const why = (error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new EdaError(`${file === '-' ? 'stdin' : file}${at ? `:${at.line}:${at.col}` : ''}: the event is neither JSON nor YAML (${why})`, 'fix the event file, or pass another with --event <file> (or - for stdin)');
    }
  }
}

/** The handler's file must exist before a runtime starts: an error at functions.<name>(.handler) in app.yaml says which file and how to get one. */
async function requireHandlerFile(project: Project, fn: FunctionModel): Promise<void> {
  if (await stat(resolve(project.cwd, fn.handlerFile)).then((s) => s.isFile(), () => false)) return;
  const written = project.manifest.functions?.[fn.name]?.handler !== undefined;
  const { toDiagnostic } = await import('../../manifest/load.js');
  const problem = {
    path: written ? [...fn.path, 'handler'] : fn.path,
    at: written ? ('value' as const) : ('key' as const),
    code: 'handler-missing',
    message: `${fn.name}'s handler file ${fn.handlerFile} does not exist`,
    hint: `run eda synth to create a stub at ${fn.handlerFile}${written ? ', or point handler: at an existing file' : ''}`,
  };
  throw new InvalidAppError([toDiagnostic(problem, project.source)]);
}

export type Samples = typeof import('../../local/samples.js');

/**
 * The sample to build: the kind asked for if an event of that kind can reach the function (any
 * kind when nothing in the app invokes it), else the first way it is invoked; or a declared
 * event by name (`--sample OrderPlaced`), which the function's rule must be able to deliver.
 */
export function chooseSample(samples: Samples, closest: (w: string, c: string[]) => string | undefined, app: App, fn: FunctionModel, sample: string | true): { kind?: SampleKind; event?: string } {
  const possible = samples.sampleKinds(app, fn);
  if (sample === true) return { kind: possible[0] };
  const declared = app.events.find((e) => e.name === sample);
  const kind = declared ? 'event' : samples.sampleKind(sample);
  if (!kind) {
    const names = [...samples.SAMPLE_KINDS, ...app.events.map((e) => e.name)];
    const near = closest(sample, names);
    throw new UsageError(`'${sample}' is not a sample kind or an event declared in app.yaml`, `${near ? `did you mean '${near}'? ` : ''}use one of ${samples.SAMPLE_KINDS.join(', ')}${app.events.length ? `, or an event: ${app.events.map((e) => e.name).join(', ')}` : ''}`);
  }
  if (possible.length && !possible.includes(kind)) {
    throw new UsageError(
      `a${declared ? 'n EventBridge' : ` ${kind}`} event cannot reach ${fn.name}: app.yaml invokes it only from ${possible.map((k) => SAMPLE_SOURCE[k]).join(', ')}`,
      `use --sample ${possible.join(' or --sample ')} (or --event <file> for an event of your own)`,
    );
  }
  if (declared && possible.length) {
    const reachable = samples.sampleableEvents(app, fn);
    if (!reachable.some((e) => e.name === declared.name)) {
      throw new UsageError(`${fn.name}'s event rule does not match ${declared.name} (source ${declared.source}, detail-type ${declared.detailType})`, reachable.length ? `its rule matches ${reachable.map((e) => e.name).join(', ')}` : 'its rule matches none of the declared events; use --sample event for an event shaped by its pattern');
    }
  }
  return { kind, event: declared?.name };
}

const SAMPLE_SOURCE: Record<SampleKind, string> = {
  http: 'an http route',
  queue: 'a queue',
  topic: 'a topic subscription',
  event: 'an event rule',
  schedule: 'a schedule',
  stream: 'a table stream',
  workflow: 'a workflow task',
  websocket: 'a websocket route',
};

export async function invokeCommand(name: string, opts: InvokeCommandOptions, io: InvokeIo = {}): Promise<number> {
  const ui = io.ui ?? createUi({ json: opts.json });
  const c = ui.color;
  if (opts.event !== undefined && opts.sample !== undefined) throw new UsageError('pass either --event <file> or --sample <kind>, not both');
  if (opts.remote) return (await import('./invoke-remote.js')).remoteInvokeCommand(name, opts, { ui, stdin: io.stdin });
  if (opts.async) throw new UsageError('--async invokes the deployed function: it needs --remote', 'eda invoke <function> --remote --async');
  const [{ loadProject }, { startLocal }, { Trace, formatEvent }, samples, { suggest, closest }] = await Promise.all([
    import('../../pipeline/index.js'),
    import('../../local/runtime.js'),
    import('../../local/trace.js'),
    import('../../local/samples.js'),
    import('../../core/did-you-mean.js'),
  ]);
  const project = await loadProject({ cwd: opts.cwd ?? '.', stage: opts.stage });
  const fn = project.app.functions.find((f) => f.name === name);
  if (!fn) {
    const names = project.app.functions.map((f) => f.name);
    throw new UsageError(`no function '${name}' in app.yaml`, suggest(name, names, 'function') || `functions: ${names.join(', ') || 'none'}`);
  }
  await requireHandlerFile(project, fn);
  const chosen = opts.sample === undefined || opts.sample === false ? {} : chooseSample(samples, closest, project.app, fn, opts.sample);
  const kind = chosen.kind;

  // a broken event file fails before any runtime starts
  const fromFile = opts.event !== undefined ? await readEvent(opts.event, project.cwd, io.stdin) : undefined;
  const trace = new Trace();
  // the trace goes to stderr so stdout holds only the result
  trace.on((e) => {
    if (!ui.json) ui.err(formatEvent(e, c));
  });
  const runtime = await startLocal({ app: project.app, cwd: project.cwd, trace, triggers: false, http: false, watch: false });
  try {
    if (runtime.build.error) throw new EdaError(`the handlers failed to build:\n${runtime.build.error}`);
    const event = opts.event !== undefined ? fromFile : kind ? samples.sampleEvent(project.app, fn, kind, runtime.addresses, Date.now(), chosen.event) : {};
    const result = await runtime.invoke(fn.name, event, opts.event ? `eda invoke (${opts.event})` : kind ? `eda invoke (sample ${chosen.event ?? kind})` : 'eda invoke');
    if (ui.json) {
      ui.out(JSON.stringify(result.ok ? { ok: true, result: result.value, requestId: result.requestId, ms: result.ms } : { ok: false, error: result.error, requestId: result.requestId, ms: result.ms }, null, 2));
    } else if (result.ok) {
      ui.out(JSON.stringify(result.value, null, 2));
    } else {
      ui.err(`${c.red(result.error.errorType)}: ${result.error.errorMessage}`);
      // Node.js's stack starts with the message line; Python's stackTrace holds only frames
      const frames = fn.runtime.startsWith('python') ? result.error.trace ?? [] : (result.error.trace ?? []).slice(1);
      if (frames.length) ui.err(c.dim(frames.join('\n').trimEnd()));
    }
    return result.ok ? 0 : 1;
  } finally {
    await runtime.stop();
  }
}
