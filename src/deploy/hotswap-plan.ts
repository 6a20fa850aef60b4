// Hot-swap planning: compares the deployed template (as submitted) with the new one and
// decides whether the only differences are functions' code (CodeUri) and state machines'
// definitions, which can be changed directly. Anything else names the first resource and
// property that blocks the hot swap. Also renders a state machine's definition the way
// CloudFormation would, with its DefinitionSubstitutions' values learned from what runs.
import type { Template } from '../core/template.js';
import { canonicalJson, differingPaths, resources } from './template.js';

export interface FunctionSwap {
  logicalId: string;
  bucket: string;
  key: string;
}

export interface StateMachineSwap {
  logicalId: string;
  /** The Definition in the new template (with ${...} substitutions). */
  definition: unknown;
  /** The Definition in the deployed template. */
  deployedDefinition: unknown;
}

export type HotswapPlan =
  | { kind: 'hotswap'; functions: FunctionSwap[]; stateMachines: StateMachineSwap[] }
  | { kind: 'fallback'; reason: string };

const FUNCTION = 'AWS::Serverless::Function';
const STATE_MACHINE = 'AWS::Serverless::StateMachine';

/** The S3 location of a function's code in a template ({ Bucket, Key }), if it is one. */
export function codeLocation(resource: any): { bucket: string; key: string } | undefined {
  const uri = resource?.Properties?.CodeUri;
  if (uri && typeof uri === 'object' && typeof uri.Bucket === 'string' && typeof uri.Key === 'string') return { bucket: uri.Bucket, key: uri.Key };
  return undefined;
}

/** The resource without what a hot swap changes (and build metadata CloudFormation ignores). */
function withoutSwappable(resource: any): unknown {
  if (!resource || typeof resource !== 'object') return resource;
  const { Metadata: _metadata, ...rest } = resource;
  const props = { ...(resource.Properties ?? {}) };
  if (resource.Type === FUNCTION) {
    delete props.CodeUri;
    return { ...rest, Properties: props };
  }
  if (resource.Type === STATE_MACHINE) {
    delete props.Definition;
    return { ...resource, Properties: props };
  }
  return resource;
}

function hasIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasIntrinsic);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k === 'Ref' || k.startsWith('Fn::') || hasIntrinsic(v));
  return false;
}

/** What differs besides code and definitions, as the first blocking resource and property; or the swaps. */
export function planHotswap(deployed: Template, next: Template): HotswapPlan {
  const { Resources: before = {}, ...deployedRest } = deployed as Record<string, any>;
  const { Resources: after = {}, ...nextRest } = next as Record<string, any>;
  const outside = differingPaths(deployedRest, nextRest, '', 1);
  if (outside.length) return { kind: 'fallback', reason: `the template's ${outside[0]} changed` };
  const oldRes = resources(deployed);
  const newRes = resources(next);
  for (const id of Object.keys(oldRes)) if (!(id in newRes)) return { kind: 'fallback', reason: `${id} (${oldRes[id]?.Type}) is removed` };
  for (const id of Object.keys(newRes)) if (!(id in oldRes)) return { kind: 'fallback', reason: `${id} (${newRes[id]?.Type}) is new` };
  const functions: FunctionSwap[] = [];
  const stateMachines: StateMachineSwap[] = [];
  for (const [id, resource] of Object.entries(newRes)) {
    const old = oldRes[id];
    const blocking = differingPaths(withoutSwappable(old), withoutSwappable(resource), '', 1);
    if (blocking.length) return { kind: 'fallback', reason: `${id} (${resource?.Type}) changes ${blocking[0]}, which only a change set can change` };
    if (resource?.Type === FUNCTION && canonicalJson(old.Properties?.CodeUri) !== canonicalJson(resource.Properties?.CodeUri)) {
      const location = codeLocation(resource);
      if (!location || !codeLocation(old)) return { kind: 'fallback', reason: `${id}'s code is not an uploaded S3 asset` };
      functions.push({ logicalId: id, ...location });
    }
    if (resource?.Type === STATE_MACHINE && canonicalJson(old.Properties?.Definition) !== canonicalJson(resource.Properties?.Definition)) {
      const definition = resource.Properties?.Definition;
      if (definition === undefined || hasIntrinsic(definition)) return { kind: 'fallback', reason: `${id}'s definition uses intrinsic functions` };
      stateMachines.push({ logicalId: id, definition, deployedDefinition: old.Properties?.Definition });
    }
  }
  return { kind: 'hotswap', functions, stateMachines };
}

const PLACEHOLDER = /\$\{([^}!][^}]*)\}/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The DefinitionSubstitutions' values, learned by matching the template's definition with
 * the definition the state machine runs: every `${Name}` in a string of the template is
 * matched against the same string in the running one. Parts that no longer match (a
 * definition changed outside eda, or hot-swapped before) teach nothing.
 */
export function learnSubstitutions(templateDefinition: unknown, running: unknown, into: Record<string, string> = {}): Record<string, string> {
  const walk = (t: unknown, r: unknown) => {
    if (typeof t === 'string' && typeof r === 'string') {
      const names: string[] = [];
      const source = t.split(PLACEHOLDER).map((part, i) => (i % 2 ? (names.push(part), '([\\s\\S]*?)') : escapeRegExp(part))).join('');
      if (!names.length) return;
      const m = new RegExp(`^${source}$`).exec(r);
      if (m) names.forEach((n, i) => (into[n] ??= m[i + 1]!));
      return;
    }
    if (Array.isArray(t) && Array.isArray(r)) return t.forEach((v, i) => walk(v, r[i]));
    if (t && r && typeof t === 'object' && typeof r === 'object') for (const k of Object.keys(t)) walk((t as any)[k], (r as any)[k]);
  };
  walk(templateDefinition, running);
  return into;
}

/** The definition with `${Name}` replaced by the values; the names it needs that are not known. */
export function renderDefinition(definition: unknown, values: Record<string, string>): { json: string; missing: string[] } {
  const missing = new Set<string>();
  const json = JSON.stringify(definition, (_key, value) =>
    typeof value === 'string'
      ? value.replace(PLACEHOLDER, (whole, name: string) => {
          if (name in values) return values[name]!;
          missing.add(name);
          return whole;
        })
      : value,
  );
  return { json, missing: [...missing] };
}
