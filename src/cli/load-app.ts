// Loading the app for a stage, as the deploy, diff, status, outputs and destroy commands need it.
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { createUi } from './kit/output.js';
import type { AwsFlags } from '../deploy/connect.js';
import type { Template } from '../core/template.js';
import type { App } from '../model/types.js';
import { NAME_PATTERN, NAME_RULE } from '../core/name-pattern.js';

export interface AppFlags extends AwsFlags {
  cwd?: string;
  stage?: string;
  json?: boolean;
}

export interface LoadedApp {
  cwd: string;
  name: string;
  stage: string;
  stackName: string;
  region?: string;
  template: Template;
  synthMs: number;
  /** The app's model for the stage (its functions, workflows, tables...). */
  model: App;
  /** `stages.<stage>.production: true` in app.yaml. */
  production: boolean;
  /** `stages.<stage>.deploy.express: true` in app.yaml. */
  express?: boolean;
}

const shownWarnings = new Set<string>();

/** A --stage must be a name as app.yaml names its stages: it becomes part of the stack name and of resource names. */
export function checkStageFlag(stage: string): void {
  if (!NAME_PATTERN.test(stage)) throw new UsageError(`--stage "${stage}" is not a valid stage name.`, `${NAME_RULE[0]!.toUpperCase()}${NAME_RULE.slice(1)}, e.g. --stage prod.`);
}

/**
 * Synthesizes the app in --cwd for --stage (app.yaml errors surface as InvalidAppError).
 * A malformed --stage is a usage error; app.yaml's warnings (e.g. a stage it does not
 * declare) go to stderr.
 */
export async function loadApp(flags: AppFlags): Promise<LoadedApp> {
  const cwd = path.resolve(flags.cwd ?? '.');
  const started = performance.now();
  const requested = flags.stage ?? 'dev';
  checkStageFlag(requested);
  const { compile } = await import('../pipeline/index.js');
  const out = await compile({ cwd, stage: requested });
  // Each warning once per process (eda watch loads the app on every save).
  const fresh = out.project.warnings.filter((w) => !shownWarnings.has(JSON.stringify(w)));
  if (fresh.length) {
    for (const w of fresh) shownWarnings.add(JSON.stringify(w));
    const { formatDiagnostics } = await import('./kit/diagnostics.js');
    const ui = createUi({ stdout: process.stderr });
    ui.err(formatDiagnostics(fresh, ui.color));
  }
  const app = out.app as { name: string; stage: string; region?: string };
  const stage = app.stage ?? flags.stage ?? 'dev';
  return {
    cwd,
    name: app.name,
    stage,
    stackName: `${app.name}-${stage}`,
    region: app.region,
    template: out.template,
    synthMs: performance.now() - started,
    model: out.app,
    production: out.project.manifest.stages?.[stage]?.production === true,
    express: out.project.manifest.stages?.[stage]?.deploy?.express === true,
  };
}
