// eda invoke: runs one handler once, locally, with an event from a file or a realistic
// sample for its trigger, and prints what it returned. The local services run meanwhile,
// so the handler's SDK calls land somewhere harmless and show in the trace (on stderr).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SampleKind } from '../../local/samples.js';
import type { App, FunctionModel } from '../../model/types.js';
import { EdaError, UsageError } from '../../core/errors.js';
import { createUi, type Ui } from '../kit/output.js';

export interface InvokeCommandOptions {
  cwd?: string;
  stage?: string;
  event?: string;
  sample?: string | boolean;
  json?: boolean;
}

export interface InvokeIo {
  ui?: Ui;
  stdin?: NodeJS.ReadableStream;
}

async function readEvent(file: string, cwd: string, stdin?: NodeJS.ReadableStream): Promise<unknown> {
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
    } catch {
      throw new EdaError(`${file} is neither JSON nor YAML`);
    }
  }
}

type Samples = typeof import('../../local/samples.js');

/**
 * The sample kind to build: the one asked for if an event of that kind can reach the
 * function (any kind when nothing in the app invokes it), else the first way it is invoked.
 */
function chooseSample(samples: Samples, app: App, fn: FunctionModel, sample: string | true): SampleKind | undefined {
  const possible = samples.sampleKinds(app, fn);
  if (sample === true) return possible[0];
  const kind = samples.sampleKind(sample);
  if (!kind) throw new UsageError(`'${sample}' is not a sample kind`, `use one of ${samples.SAMPLE_KINDS.join(', ')} (or --sample alone for the first way app.yaml invokes the function)`);
  if (possible.length && !possible.includes(kind)) {
    throw new UsageError(
      `a ${kind} event cannot reach ${fn.name}: app.yaml invokes it only from ${possible.map((k) => SAMPLE_SOURCE[k]).join(', ')}`,
      `use --sample ${possible.join(' or --sample ')} (or --event <file> for an event of your own)`,
    );
  }
  return kind;
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
  const [{ loadProject }, { startLocal }, { Trace, formatEvent }, samples, { suggest }] = await Promise.all([
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
  const kind = opts.sample === undefined || opts.sample === false ? undefined : chooseSample(samples, project.app, fn, opts.sample);

  const trace = new Trace();
  // the trace goes to stderr so stdout holds only the result
  trace.on((e) => {
    if (!ui.json) ui.err(formatEvent(e, c));
  });
  const runtime = await startLocal({ app: project.app, cwd: project.cwd, trace, triggers: false, http: false, watch: false });
  try {
    if (runtime.build.error) throw new EdaError(`the handlers failed to build:\n${runtime.build.error}`);
    const event = opts.event !== undefined ? await readEvent(opts.event, project.cwd, io.stdin) : kind ? samples.sampleEvent(project.app, fn, kind, runtime.addresses) : {};
    const result = await runtime.invoke(fn.name, event, opts.event ? `eda invoke (${opts.event})` : kind ? `eda invoke (sample ${kind})` : 'eda invoke');
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
