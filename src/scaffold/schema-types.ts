// A JSON Schema as a TypeScript type for src/generated/resources.ts (json-schema-to-typescript),
// shared by the event and message contracts.
import { pascal } from '../core/names.js';

/** A name as a property key of the generated helpers: order-events → orderEvents. */
export const camel = (name: string): string => {
  const p = pascal(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
};

/** A schema's type, in a namespace of its own (<type>Contract) so two schemas' sub-types never clash. */
export async function namespacedType(schema: unknown, type: string, doc: string): Promise<string[]> {
  const plain = { ...(schema as object), title: undefined, $id: undefined };
  // Loaded only for an app that declares contracts: it brings prettier (~5 MB) with it.
  const { compile } = await import('json-schema-to-typescript');
  const text = await compile(plain as Parameters<typeof compile>[0], type, { bannerComment: '', additionalProperties: false, format: false, unreachableDefinitions: false, declareExternallyReferenced: true });
  const inner = text.trim().split('\n').map((l) => `  ${l}`);
  return [`/** ${doc} */`, `export declare namespace ${type}Contract {`, ...inner, '}', `export type ${type} = ${type}Contract.${type};`];
}
