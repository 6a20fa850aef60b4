// Reading and comparing CloudFormation templates (JSON or YAML with short-form intrinsics).
import { parse as parseYaml, type Tags, type ScalarTag, type CollectionTag } from 'yaml';
import type { Template } from '../core/template.js';


/** CloudFormation's limit for a TemplateBody; larger templates go through S3 (TemplateURL). */
export const TEMPLATE_BODY_LIMIT = 51_200;

const INTRINSICS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
];

function cfnTags(): Tags {
  const tags: (ScalarTag | CollectionTag)[] = [];
  const key = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  for (const name of [...INTRINSICS, 'Ref', 'Condition', 'GetAtt']) {
    const wrap = (value: unknown) => {
      if (name === 'GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [key(name)]: value };
    };
    tags.push({ tag: `!${name}`, resolve: (value: string) => wrap(value) } as ScalarTag);
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (value: any) => wrap(value.toJSON()) } as unknown as CollectionTag);
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (value: any) => wrap(value.toJSON()) } as unknown as CollectionTag);
  }
  return tags;
}

let tagsCache: Tags | undefined;

/** Parses a template body as CloudFormation stores it: JSON, or YAML with !Ref, !GetAtt, !Sub... */
export function parseTemplateBody(body: string | Record<string, unknown>): Template {
  if (typeof body !== 'string') return body as Template;
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as Template;
    } catch {
      // YAML flow mappings also start with '{'
    }
  }
  tagsCache ??= cfnTags();
  return parseYaml(text, { customTags: tagsCache, maxAliasCount: -1, version: '1.1', intAsBigInt: false }) as Template;
}

/** JSON with object keys sorted at every level, undefined values dropped: equal templates give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function templatesEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The body submitted to CloudFormation: compact JSON (undefined values dropped). */
export function templateBody(template: Template): string {
  return JSON.stringify(template);
}

export function resources(template: Template | undefined): Record<string, any> {
  const r = template?.Resources;
  return r && typeof r === 'object' ? (r as Record<string, any>) : {};
}

/** Deep clone through JSON (templates are JSON data). */
export function cloneTemplate<T>(template: T): T {
  return JSON.parse(JSON.stringify(template)) as T;
}

/** Paths (dotted) at which two values differ, at most `limit` of them, shallowest first. */
export function differingPaths(a: unknown, b: unknown, prefix = '', limit = 20): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (out.length >= limit) return;
    if (canonicalJson(x) === canonicalJson(y)) return;
    const isObj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObj(x) && isObj(y)) {
      const keys = [...new Set([...Object.keys(x as object), ...Object.keys(y as object)])].sort();
      for (const k of keys) walk((x as any)[k], (y as any)[k], path ? `${path}.${k}` : k);
      return;
    }
    out.push(path || '(root)');
  };
  walk(a, b, prefix);
  return out;
}
