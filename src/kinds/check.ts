// Checks that need more than the schema, on the stage-resolved app: each kind's own checks (its
// checks.ts) in registry order, and the cross-kind ones once (names colliding after PascalCase,
// environments, ${...} expressions, handler kinds). Every problem carries the path it is about.
import type { AppManifest } from '../manifest/app.types.js';
import { stageDefaults } from '../manifest/defaults.js';
import { suggest } from '../core/did-you-mean.js';
import { checkDefaultEnvironments } from '../manifest/environment.js';
import { checkExpressionUses } from '../manifest/expression-checks.js';
import { checkHandlerKinds, type DefinitionSource } from '../manifest/handler-kinds.js';
import type { Problem } from '../manifest/problems.js';
import { checkNameCollisions, type SemanticContext } from '../manifest/semantics.js';
import { checkStages } from '../manifest/stage-checks.js';
import type { Path } from '../manifest/source.js';
import { sectionOf } from '../core/names.js';
import type { Kind } from '../model/types.js';
import { triggerKinds, triggerType } from './function/checks.js';
import { kinds } from './registry.js';
import { checkParameters } from './parameter/index.js';
import { checkPolicies } from './policies/index.js';
import { checkPhysicalNames } from './names/checks.js';
import type { CheckContext, TriggerAt } from './types.js';

export function checkSemantics(m: AppManifest, ctx: SemanticContext): Problem[] {
  const problems: Problem[] = [];
  const c = checkContext(m, ctx, (p) => problems.push(p));
  checkNameCollisions(m, c.declared, c.add);
  checkDefaultEnvironments(m, c.add);
  checkStages(m, c.add);
  for (const kind of kinds) kind.check?.(c);
  checkParameters(c);
  checkPolicies(c);
  checkPhysicalNames(c);
  checkExpressionUses(m, ctx, c.declared, attributeNames(), c.add);
  const definitionSources = new Map<string, DefinitionSource>();
  for (const [name, wf] of Object.entries(m.workflows ?? {})) {
    const fromFile = ctx.definitionFiles.get(name);
    if (fromFile) definitionSources.set(name, { definition: fromFile.definition, base: [], file: fromFile.file });
    else if (typeof wf?.definition === 'object') definitionSources.set(name, { definition: wf.definition, base: ['workflows', name, 'definition'] });
  }
  problems.push(...checkHandlerKinds(m, definitionSources));
  return problems;
}

/** The attributes of every kind that has some, by section: tables → [name, arn, streamArn]. */
export function attributeNames(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const kind of kinds) if (kind.attributes) out[kind.attributes.section] = kind.attributes.names;
  return out;
}

function checkContext(m: AppManifest, ctx: SemanticContext, add: (p: Problem) => void): CheckContext {
  const stage = ctx.stage ?? 'dev';
  const names = (section: keyof AppManifest): string[] => Object.keys((m[section] as object | undefined) ?? {});
  const declared = Object.fromEntries((Object.keys(sectionOf) as Kind[]).map((k) => [k, names(sectionOf[k] as keyof AppManifest)])) as Record<Kind, string[]>;
  const hasHttp = Object.values(m.functions ?? {}).some((f) => f?.triggers?.some((t) => t && 'http' in t));
  if (hasHttp && declared.api.length === 0) declared.api = ['api'];
  const exists = (kind: Kind, name: string) => (kind === 'bus' && name === 'default') || declared[kind].includes(name);
  let allTriggers: TriggerAt[] | undefined;
  return {
    m,
    stage,
    defaults: stageDefaults(m, stage),
    declared,
    definitionFiles: ctx.definitionFiles,
    eventSchemaFiles: ctx.eventSchemaFiles ?? new Map(),
    add,
    ref(kind, name, path, what) {
      if (typeof name !== 'string' || exists(kind, name)) return;
      const candidates = kind === 'bus' ? ['default', ...declared.bus] : declared[kind];
      add({ path, code: 'ref-unknown', message: `${what ?? kind} '${name}' is not declared under ${sectionOf[kind]}`, hint: suggest(name, candidates, sectionOf[kind]) });
    },
    oneKind<K extends string>(obj: Record<string, unknown>, list: readonly K[], path: Path, what: string): K | undefined {
      const present = Object.keys(obj).filter((k): k is K => (list as readonly string[]).includes(k));
      if (present.length === 1) return present[0];
      if (present.length > 1) {
        add({ path: [...path, present[1]!], at: 'key', code: 'kind-ambiguous', message: `${what} has both '${present[0]}' and '${present[1]}'`, hint: `write each ${what} as its own list item` });
      } else {
        add({ path, code: 'kind-missing', message: `${what} names no ${list.join(', ')}`, hint: `write one of: ${list.join(', ')}` });
      }
      return undefined;
    },
    triggers<K extends string>(type: K): TriggerAt<K>[] {
      allTriggers ??= Object.entries(m.functions ?? {}).flatMap(([fnName, fn]) =>
        (fn?.triggers ?? []).flatMap((trigger, i) => {
          const t = triggerType(trigger);
          return t ? [{ fnName, fn: fn!, trigger, type: t, path: ['functions', fnName, 'triggers', i] }] : [];
        }),
      );
      if (!(triggerKinds as readonly string[]).includes(type)) throw new Error(`no trigger type ${type}`);
      return allTriggers.filter((t): t is TriggerAt<K> => t.type === type);
    },
  };
}
