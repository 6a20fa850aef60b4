// The event contracts part of src/generated/resources.ts: a type per declared event (from its
// JSON Schema, by json-schema-to-typescript), its EventBridge envelope for consumers, and for
// events with producers a typed `events.<name>.put(detail)` that fills in source, detail-type
// and the bus.
import { pascal } from '../core/names.js';
import type { App, EventModel, FunctionModel } from '../model/types.js';
import { compilePattern } from '../pattern/index.js';

export interface EventsSection {
  /** Imports the section needs, for the top of the module. */
  imports: string[];
  /** Declarations and the `events` object. */
  body: string[];
}

const camel = (name: string) => {
  const p = pascal(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
};

/** The types and put helpers of the app's events; undefined when it declares none. */
export async function eventsSection(app: App): Promise<EventsSection | undefined> {
  if (!app.events.length) return undefined;
  const body: string[] = [
    '/** An EventBridge event as consumers receive it, with a typed detail-type and detail. */',
    'export interface EventEnvelope<DetailType extends string, Detail> {',
    "  version: string; id: string; 'detail-type': DetailType; source: string; account: string; time: string; region: string; resources: string[]; detail: Detail;",
    '}',
    '',
  ];
  for (const e of app.events) body.push(...(await eventTypes(e)), '');
  const produced = app.events.map((e) => ({ e, envVar: busVariable(app, e) })).filter((p) => p.envVar !== undefined);
  if (!produced.length) return { imports: [], body };
  body.push(
    'let eventBridge: EventBridgeClient | undefined;',
    '',
    'async function putEvent(bus: string, source: string, detailType: string, detail: unknown): Promise<string> {',
    '  eventBridge ??= new EventBridgeClient({});',
    '  const out = await eventBridge.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }] }));',
    '  const entry = out.Entries?.[0];',
    '  if (!entry?.EventId) throw new Error(`PutEvents failed: ${entry?.ErrorCode ?? \'no entry\'}: ${entry?.ErrorMessage ?? \'\'}`);',
    '  return entry.EventId;',
    '}',
    '',
    '/** The events this app declares with producers: put(detail) fills in source, detail-type and bus, and returns the event ID. */',
    'export const events = {',
  );
  for (const { e, envVar } of produced) {
    const type = pascal(e.name);
    const bus = envVar === 'default' ? "'default'" : `read(${JSON.stringify(envVar)}, ${JSON.stringify(`add \`- bus: ${e.bus}\` to the function's uses in app.yaml`)})`;
    body.push(
      `  /** ${e.name} on bus ${e.bus} (source ${e.source}), put by ${e.producers.join(', ')} */`,
      `  ${JSON.stringify(camel(e.name))}: {`,
      `    source: ${JSON.stringify(e.source)},`,
      `    detailType: ${JSON.stringify(e.detailType)},`,
      `    put: (detail: ${type}): Promise<string> => putEvent(${bus}, ${JSON.stringify(e.source)}, ${JSON.stringify(e.detailType)}, detail),`,
      '  },',
    );
  }
  body.push('} as const;', '');
  return { imports: ["import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';"], body };
}

/** The event's detail type (in a namespace of its own, so two schemas' sub-types never clash) and its envelope. */
async function eventTypes(e: EventModel): Promise<string[]> {
  const type = pascal(e.name);
  const schema = { ...(e.schema as object), title: undefined, $id: undefined };
  // Loaded only for an app that declares events: it brings prettier (~5 MB) with it.
  const { compile } = await import('json-schema-to-typescript');
  const text = await compile(schema as Parameters<typeof compile>[0], type, { bannerComment: '', additionalProperties: false, format: false, unreachableDefinitions: false, declareExternallyReferenced: true });
  const inner = text.trim().split('\n').map((l) => `  ${l}`);
  return [
    `/** ${e.name}: the detail of events from ${e.source} on bus ${e.bus} (its JSON Schema in app.yaml). */`,
    `export declare namespace ${type}Contract {`,
    ...inner,
    '}',
    `export type ${type} = ${type}Contract.${type};`,
    `/** ${e.name} as a rule delivers it. */`,
    `export type ${type}Event = EventEnvelope<${JSON.stringify(e.detailType)}, ${type}>;`,
  ];
}

/** The env var holding the event's bus name in its producers ('default' for the default bus), or undefined without producers. */
function busVariable(app: App, e: EventModel): string | undefined {
  if (!e.producers.length) return undefined;
  if (e.bus === 'default') return 'default';
  for (const name of e.producers) {
    const use = app.functions.find((f) => f.name === name)?.uses.find((u) => u.kind === 'bus' && u.name === e.bus);
    if (use) return use.envVar;
  }
  return undefined;
}

/** The envelope types of the declared events a function's first trigger (an event rule) can deliver, by source and detail-type. */
export function consumedEventTypes(fn: FunctionModel, app: App): string[] {
  const first = fn.triggers[0];
  if (first?.type !== 'event') return [];
  const rule = app.rules.find((r) => r.name === first.rule);
  const pattern = rule?.pattern as Record<string, unknown> | undefined;
  if (!rule || !pattern || '$or' in pattern) return [];
  const head = Object.fromEntries(['source', 'detail-type'].filter((k) => k in pattern).map((k) => [k, pattern[k]]));
  try {
    const matches = compilePattern(head);
    return app.events.filter((e) => e.bus === rule.bus && matches({ source: e.source, 'detail-type': e.detailType })).map((e) => `${pascal(e.name)}Event`);
  } catch {
    return []; // a value only known at deploy (an expression): the stub stays generic
  }
}
