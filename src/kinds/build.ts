// AppManifest (valid) + stage → App: each kind builds its entries (its model.ts) in registry
// order, then links them to other kinds'; implicit resources (the implied api, rules for
// event/schedule triggers, failure queues) are made explicit, and every ${...} is parsed once.
import type { AppManifest, FunctionDefaults } from '../manifest/app.types.js';
import { DEFAULTS, stageDefaults } from '../manifest/defaults.js';
import type { App, OutputModel } from '../model/types.js';
import { parseValue } from '../model/values.js';
import { kinds } from './registry.js';
import { modelParameters } from './parameter/index.js';
import type { ModelContext } from './types.js';
import { emptyEntries } from '../model/entries.js';

export { DEFAULTS } from '../manifest/defaults.js';
export { API_THROTTLE } from './api/model.js';
export { targetId } from './rule/model.js';

export function buildApp(m: AppManifest, stage: string, opts: { definitions?: Map<string, unknown>; eventSchemas?: Map<string, unknown> } = {}): App {
  const stageSpec = m.stages?.[stage] ?? {};
  const defaults: FunctionDefaults = stageDefaults(m, stage);
  const app: App = {
    name: m.name,
    stage,
    description: m.description,
    region: stageSpec.region ?? m.region,
    retainData: stageSpec.retainData ?? true,
    functionDefaults: {
      runtime: defaults.runtime ?? m.runtime ?? DEFAULTS.runtime,
      memory: defaults.memory ?? DEFAULTS.memory,
      timeout: defaults.timeout ?? DEFAULTS.timeout,
      architecture: defaults.architecture ?? DEFAULTS.architecture,
      tracing: defaults.tracing ?? DEFAULTS.tracing,
      logRetentionDays: defaults.logRetentionDays ?? DEFAULTS.logRetentionDays,
    },
    ...emptyEntries(),
    monitoring: { alarms: true, ...m.monitoring, ...stageSpec.monitoring },
    resources: (m.resources ?? {}) as Record<string, unknown>,
    overrides: (m.overrides ?? {}) as Record<string, Record<string, unknown>>,
    outputs: Object.entries(m.outputs ?? {}).map(([name, v]): OutputModel =>
      typeof v === 'object' && 'value' in v
        ? { name, value: outputValue(v.value), description: v.description, export: v.export ?? false, path: ['outputs', name, 'value'] }
        : { name, value: outputValue(v), export: false, path: ['outputs', name] },
    ),
    parameters: modelParameters(m, stage),
  };
  const c: ModelContext = { m, stage, defaults, definitions: opts.definitions, eventSchemas: opts.eventSchemas, app, implicitQueues: [], implicitRules: [] };
  for (const kind of kinds) kind.model?.(c);
  app.queues.push(...c.implicitQueues);
  app.rules.push(...c.implicitRules);
  for (const kind of kinds) kind.link?.(c);
  return app;
}

/** Strings are parsed; numbers become their text, as CloudFormation outputs are strings; intrinsics stay. */
function outputValue(v: unknown): OutputModel['value'] {
  if (typeof v === 'string') return parseValue(v);
  if (typeof v === 'object' && v !== null) return v as Record<string, unknown>;
  return String(v);
}
