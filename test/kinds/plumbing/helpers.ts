// Shared by the plumbing tests: every diagnostic of an app.yaml as "LINE:COL severity message",
// and the compiled template of a valid one.
import { compile } from '../../../src/pipeline/index.js';
import { validateText } from '../../../src/pipeline/validate.js';
import type { Template } from '../../../src/synth/index.js';

export function diagnostics(yaml: string, stage?: string): string[] {
  return validateText(yaml, { cwd: '/nonexistent', stage }).diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message}`);
}

export function hints(yaml: string): string[] {
  return validateText(yaml, { cwd: '/nonexistent' }).diagnostics.map((d) => d.hint ?? '');
}

export async function template(yaml: string, stage?: string): Promise<Template> {
  return (await compile({ cwd: '/nonexistent', text: yaml, stage })).template;
}

/** The statements of a role's inline policies. */
export function statements(t: Template, roleId: string): Record<string, unknown>[] {
  return (t.Resources[roleId]!.Properties.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
}
