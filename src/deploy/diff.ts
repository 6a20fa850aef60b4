// The resource-level difference between two templates (the deployed one and a new
// synthesis), with SAM Globals folded into each resource so that a change to
// Globals shows on the resources it affects.
import { iamDiff, type IamDiff } from './iam.js';
import type { Template } from '../core/template.js';
import { canonicalJson, differingPaths, resources } from './template.js';

export interface ResourceChange {
  action: 'Add' | 'Remove' | 'Modify';
  logicalId: string;
  type: string;
  /** Changed paths within the resource (Properties.X.Y), for Modify. */
  paths: string[];
}

export interface TemplateDiff {
  resources: ResourceChange[];
  outputs: { action: 'Add' | 'Remove' | 'Modify'; name: string }[];
  /** Other top-level sections that changed (Parameters, Conditions, Mappings...). */
  sections: string[];
  iam: IamDiff;
  changed: boolean;
}

const GLOBAL_SECTIONS: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: unknown, own: unknown): unknown {
  if (own === undefined) return base;
  if (isPlainObject(base) && isPlainObject(own) && Object.keys(own).every((k) => !k.startsWith('Fn::') && k !== 'Ref')) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(own)) out[k] = merge(base[k], v);
    return out;
  }
  return own;
}

/** The template's resources with SAM Globals applied to each serverless resource. */
export function effectiveResources(template: Template | undefined): Record<string, any> {
  const out: Record<string, any> = {};
  const globals = (template?.Globals ?? {}) as Record<string, unknown>;
  for (const [id, res] of Object.entries(resources(template))) {
    const section = GLOBAL_SECTIONS[res?.Type];
    out[id] = section && globals[section] ? { ...res, Properties: merge(globals[section], res.Properties ?? {}) } : res;
  }
  return out;
}

export function diffTemplates(previous: Template | undefined, next: Template): TemplateDiff {
  const before = effectiveResources(previous);
  const after = effectiveResources(next);
  const changes: ResourceChange[] = [];
  for (const [id, res] of Object.entries(after)) {
    const old = before[id];
    if (!old) changes.push({ action: 'Add', logicalId: id, type: String(res?.Type ?? ''), paths: [] });
    else if (canonicalJson(old) !== canonicalJson(res)) {
      changes.push({ action: 'Modify', logicalId: id, type: String(res?.Type ?? ''), paths: differingPaths(old, res) });
    }
  }
  for (const [id, res] of Object.entries(before)) {
    if (!(id in after)) changes.push({ action: 'Remove', logicalId: id, type: String(res?.Type ?? ''), paths: [] });
  }
  const order = { Add: 0, Modify: 1, Remove: 2 };
  changes.sort((a, b) => order[a.action] - order[b.action] || a.logicalId.localeCompare(b.logicalId));

  const outputs: TemplateDiff['outputs'] = [];
  const oldOut = (previous?.Outputs ?? {}) as Record<string, unknown>;
  const newOut = (next.Outputs ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(newOut)) {
    if (!(name in oldOut)) outputs.push({ action: 'Add', name });
    else if (canonicalJson(oldOut[name]) !== canonicalJson(newOut[name])) outputs.push({ action: 'Modify', name });
  }
  for (const name of Object.keys(oldOut)) if (!(name in newOut)) outputs.push({ action: 'Remove', name });

  const sections: string[] = [];
  for (const key of ['Parameters', 'Conditions', 'Mappings', 'Transform', 'Description', 'Metadata', 'Rules']) {
    if (canonicalJson(previous?.[key]) !== canonicalJson(next[key])) sections.push(key);
  }
  const iam = iamDiff(previous, next);
  return {
    resources: changes,
    outputs,
    sections: previous ? sections : [],
    iam,
    changed: changes.length > 0 || outputs.length > 0 || (previous ? sections.length > 0 : true),
  };
}

/** "code", "Properties.Environment.Variables.X" ... a short description of what changed. */
export function describePaths(paths: string[]): string {
  const pretty = paths.map((p) => {
    if (/^Properties\.(CodeUri|ContentUri)(\.|$)/.test(p)) return 'code';
    if (/^Properties\.DefinitionUri(\.|$)/.test(p)) return 'definition';
    return p.replace(/^Properties\./, '');
  });
  const unique = [...new Set(pretty)];
  return unique.length > 4 ? `${unique.slice(0, 4).join(', ')} (+${unique.length - 4} more)` : unique.join(', ');
}
