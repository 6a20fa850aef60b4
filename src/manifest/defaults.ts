// The values eda uses when app.yaml leaves a setting out, and the stage-resolved function
// defaults. One place, read by the checks (src/manifest) and the model (src/model) alike, so
// validate and synth judge the same values for every stage.
import type { AppManifest, FunctionDefaults } from './app.types.js';

export const DEFAULTS = {
  runtime: 'nodejs24.x',
  memory: 512,
  timeout: 10,
  architecture: 'arm64' as const,
  tracing: true,
  logRetentionDays: 30,
  queueBatchSize: 10,
  streamBatchSize: 100,
  streamMaxRetries: 3,
  queueRetentionSeconds: 4 * 86400,
  dlqRetentionSeconds: 14 * 86400,
  dlqMaxReceives: 3,
};

/** Function defaults with the stage's overrides applied (stages.<stage>.defaults wins). */
export function stageDefaults(m: AppManifest, stage: string): FunctionDefaults {
  const stageSpec = m.stages?.[stage]?.defaults;
  return {
    ...m.defaults,
    ...stageSpec,
    environment: { ...m.defaults?.environment, ...stageSpec?.environment },
  };
}

/** Where a function default comes from, for messages: the stage's override or the top-level defaults. */
export function defaultOrigin(m: AppManifest, stage: string, key: keyof FunctionDefaults): (string | number)[] | undefined {
  if (m.stages?.[stage]?.defaults?.[key] !== undefined) return ['stages', stage, 'defaults', key];
  if (m.defaults?.[key] !== undefined) return ['defaults', key];
  return undefined;
}
