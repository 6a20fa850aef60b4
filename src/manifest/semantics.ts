// The semantic checks of app.yaml live with their kinds (src/kinds/<kind>/checks.ts, run by
// src/kinds/check.ts); this file keeps the cross-kind check on names and the duration parser.
import type { AppManifest } from './app.types.js';
import type { Problem } from './problems.js';
import { logicalId, pascal, sectionOf, type Kind } from '../core/names.js';

export interface SemanticContext {
  /** Workflow definitions loaded from files: workflow name → { file, definition }. */
  definitionFiles: Map<string, { file: string; definition: unknown }>;
  /** The stage whose overrides apply (default dev): checks read the stage-resolved values. */
  stage?: string;
  /** Event schemas read from files: event name → { file, schema }. */
  eventSchemaFiles?: Map<string, { file: string; schema: unknown }>;
}

/** Names that collide after PascalCase derivation (order-events vs orderEvents). */
export function checkNameCollisions(m: AppManifest, declared: Record<Kind, string[]>, add: (p: Problem) => void): void {
  for (const [kind, list] of Object.entries(declared) as [Kind, string[]][]) {
    const byId = new Map<string, string>();
    for (const name of list) {
      const id = pascal(name);
      const other = byId.get(id);
      if (other !== undefined && !(kind === 'api' && name === 'api' && !m.apis)) {
        add({
          path: [sectionOf[kind], name],
          at: 'key',
          code: 'name-collision',
          message: `${kind} '${name}' and ${kind} '${other}' both become the logical ID ${logicalId(kind, name, m.apis?.[name]?.type)}`,
          hint: `rename one of them; names that differ only in '-' and capitals collide in CloudFormation`,
        });
      } else byId.set(id, name);
    }
  }
}

export function durationSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)(s|m|h|d)$/.exec(value);
  if (!m) return NaN;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
