// eda export asyncapi: the app's channels (buses, topics, queues), messages (the declared events'
// schemas in their EventBridge envelope) and operations (who sends, who receives) as an AsyncAPI
// 3.0.0 document, printed or written to --out, in YAML or JSON.
import path from 'node:path';
import { stringify } from 'yaml';
import { UsageError } from '../../core/errors.js';
import { checkStageFlag } from '../load-app.js';
import { createUi } from '../kit/output.js';

export interface ExportOptions {
  cwd: string;
  stage?: string;
  out?: string;
  format?: string;
  region?: string;
  json?: boolean;
}

export const EXPORT_TARGETS = ['asyncapi'] as const;
const FORMATS = ['yaml', 'json'] as const;

/** yaml or json: --format, else from --out's extension, else yaml. */
function chooseFormat(opts: ExportOptions): 'yaml' | 'json' {
  if (opts.format !== undefined && !(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format "${opts.format}" is not a format eda export writes.`, `use one of ${FORMATS.join(', ')}`);
  if (opts.format) return opts.format as 'yaml' | 'json';
  return opts.out && /\.json$/i.test(opts.out) ? 'json' : 'yaml';
}

export async function exportCommand(target: string, opts: ExportOptions): Promise<number> {
  if (!(EXPORT_TARGETS as readonly string[]).includes(target)) {
    const { suggest } = await import('../../core/did-you-mean.js');
    throw new UsageError(`eda export has no target '${target}'`, suggest(target, [...EXPORT_TARGETS], 'target') || `targets: ${EXPORT_TARGETS.join(', ')}`);
  }
  const ui = createUi({ json: opts.json });
  const format = chooseFormat(opts);
  checkStageFlag(opts.stage ?? 'dev');
  const cwd = path.resolve(opts.cwd);
  const { loadProject } = await import('../../pipeline/index.js');
  const { asyncApiDocument } = await import('../../graph/asyncapi.js');
  const project = await loadProject({ cwd, stage: opts.stage });
  if (!opts.json && project.warnings.length) {
    const { formatDiagnostics } = await import('../kit/diagnostics.js');
    ui.err(formatDiagnostics(project.warnings, ui.color));
  }
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
