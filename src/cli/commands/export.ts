// eda export asyncapi: the app's channels (buses, topics, queues), messages (the declared events'
// schemas in their EventBridge envelope) and operations (who sends, who receives) as an AsyncAPI
// 3.0.0 document, printed or written to --out, in YAML or JSON. eda export eventcatalog: the
// declared events, their buses and the functions sending and receiving them as an
// EventCatalog-friendly folder (--out, default eventcatalog/).
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { EdaError, UsageError } from '../../core/errors.js';
import { checkStageFlag } from '../load-app.js';
import { createUi, type Ui } from '../kit/output.js';
import { refuseForeignOut } from '../../core/files.js';

export interface ExportOptions {
  cwd: string;
  stage?: string;
  out?: string;
  format?: string;
  region?: string;
  json?: boolean;
}

export const EXPORT_TARGETS = ['asyncapi', 'eventcatalog'] as const;
const FORMATS = ['yaml', 'json'] as const;

/** An earlier export (YAML or JSON): a mapping with an asyncapi version. */
function isAsyncApi(text: string): boolean {
  try {
    const doc = parse(text) as unknown;
    return typeof doc === 'object' && doc !== null && 'asyncapi' in doc;
  } catch {
    return false;
  }
}

/** yaml or json: --format, else from --out's extension, else yaml. */
function chooseFormat(opts: ExportOptions): 'yaml' | 'json' {
  if (opts.format !== undefined && !(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format "${opts.format}" is not a format eda export writes.`, `use one of ${FORMATS.join(', ')}`);
  if (opts.format) return opts.format as 'yaml' | 'json';
  return opts.out && /\.json$/i.test(opts.out) ? 'json' : 'yaml';
}

export async function exportCommand(target: string, opts: ExportOptions): Promise<number> {
  if (!(EXPORT_TARGETS as readonly string[]).includes(target)) {
    const { closest } = await import('../../core/did-you-mean.js');
    const near = closest(target, [...EXPORT_TARGETS]);
    throw new UsageError(`eda export has no target '${target}'`, `${near ? `did you mean '${near}'? ` : ''}the targets are ${EXPORT_TARGETS.join(' and ')}`);
  }
  const ui = createUi({ json: opts.json });
  if (target === 'eventcatalog' && opts.format !== undefined) throw new UsageError('eda export eventcatalog writes a folder of .mdx and .json files; it takes no --format.', 'drop --format (and name the folder with --out)');
  const format = chooseFormat(opts);
  checkStageFlag(opts.stage ?? 'dev');
  (await import('../../deploy/connect.js')).checkRegionFlag(opts.region);
  const cwd = path.resolve(opts.cwd);
  if (target === 'asyncapi' && opts.out) refuseForeignOut(cwd, opts.out, 'an AsyncAPI document', 'asyncapi.yaml', isAsyncApi);
  const { loadProject } = await import('../../pipeline/index.js');
  const { asyncApiDocument } = await import('../../graph/asyncapi.js');
  const project = await loadProject({ cwd, stage: opts.stage });
  if (!opts.json && project.warnings.length) {
    const { formatDiagnostics } = await import('../kit/diagnostics.js');
    ui.err(formatDiagnostics(project.warnings, ui.color));
  }
  if (target === 'eventcatalog') return writeCatalog(project.app, cwd, opts, ui);
  const doc = asyncApiDocument(project.app, { region: opts.region });
  const text = format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
  const counts = { channels: Object.keys(doc.channels as object).length, operations: Object.keys(doc.operations as object).length, messages: Object.keys((doc.components as { messages?: object } | undefined)?.messages ?? {}).length };
  if (!opts.out) {
    ui.out(text.trimEnd());
    return 0;
  }
  const { planFiles, applyFiles } = await import('../../core/files.js');
  const actions = await planFiles(cwd, [{ path: opts.out, content: text, mode: 'overwrite' }]);
  await applyFiles(cwd, actions);
  if (opts.json) ui.out(JSON.stringify({ ok: true, file: opts.out, format, ...counts, action: actions[0]!.action }, null, 2));
  else ui.out(`${ui.color.green('✓')} ${opts.out}: AsyncAPI 3.0.0 (${format}), ${counts.channels} channels, ${counts.messages} messages, ${counts.operations} operations${actions[0]!.action === 'SKIP' ? ' (unchanged)' : ''}`);
  return 0;
}

/** The EventCatalog folder under --out (default eventcatalog/): events, channels, services. */
async function writeCatalog(app: import('../../model/types.js').App, cwd: string, opts: ExportOptions, ui: Ui): Promise<number> {
  const { eventCatalogFiles } = await import('../../graph/eventcatalog.js');
  const dir = opts.out ?? 'eventcatalog';
  const files = eventCatalogFiles(app);
  if (!files.size) throw new EdaError('app.yaml declares no events: there is nothing for EventCatalog', 'declare events under events: (see docs/app-yaml.md, "events (contracts)")');
  const { planFiles, applyFiles } = await import('../../core/files.js');
  const actions = await planFiles(cwd, [...files].map(([file, content]) => ({ path: path.join(dir, file), content, mode: 'overwrite' as const })));
  await applyFiles(cwd, actions);
  const count = (folder: string) => [...files.keys()].filter((f) => f.startsWith(`${folder}/`) && f.endsWith('index.mdx')).length;
  const counts = { events: count('events'), channels: count('channels'), services: count('services') };
  if (opts.json) ui.out(JSON.stringify({ ok: true, folder: dir, ...counts, files: actions.map((a) => ({ path: a.path, action: a.action })) }, null, 2));
  else ui.out(`${ui.color.green('✓')} ${dir}/: EventCatalog, ${counts.events} events, ${counts.channels} channels, ${counts.services} services`);
  return 0;
}
