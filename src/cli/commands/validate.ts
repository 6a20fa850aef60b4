import { InvalidAppError } from '../../core/errors.js';
import { createUi } from '../kit/output.js';

export interface ValidateOptions {
  cwd: string;
  stage?: string;
  json?: boolean;
}

export async function validateCommand(opts: ValidateOptions): Promise<number> {
  const ui = createUi({ json: opts.json });
  const { compile } = await import('../../pipeline/index.js');
  const { formatDiagnostics } = await import('../kit/diagnostics.js');
  try {
    const { app, template, project } = await compile({ cwd: opts.cwd, stage: opts.stage });
    if (opts.json) {
      ui.out(JSON.stringify({ valid: true, app: app.name, stage: app.stage, resources: Object.keys(template.Resources).length, diagnostics: project.warnings }, null, 2));
      return 0;
    }
    if (project.warnings.length) ui.err(formatDiagnostics(project.warnings, ui.color));
    const c = ui.color;
    const counts = (
      [
        ['function', app.functions.length],
        ['api', app.apis.length + app.websocketApis.length],
        ['table', app.tables.length],
        ['queue', app.queues.filter((q) => !q.implicit).length],
        ['topic', app.topics.length],
        ['bus', app.buses.length],
        ['rule', app.rules.filter((r) => !r.implicit).length],
        ['workflow', app.workflows.length],
      ] as [string, number][]
    )
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}${n === 1 ? '' : k.endsWith('s') ? 'es' : 's'}`);
    ui.out(`${c.green('✓')} app.yaml is valid — ${app.name} (${app.stage}): ${counts.join(', ') || 'no resources yet'}; ${Object.keys(template.Resources).length} CloudFormation resources`);
    return 0;
  } catch (error) {
    if (opts.json && error instanceof InvalidAppError) {
      ui.out(JSON.stringify({ valid: false, diagnostics: error.diagnostics }, null, 2));
      return 1;
    }
    throw error;
  }
}
