// The declared events as an EventCatalog-friendly folder (`eda export eventcatalog`): an event
// per `events:` entry (its JSON Schema beside it), a channel per bus that carries them, and a
// service per function that sends or receives them, with `sends`/`receives` naming the events
// and the bus they travel through. Plain data (path → content), no I/O.
import { stringify } from 'yaml';
import type { App } from '../model/types.js';
import { checkPatternEvents } from '../kinds/event/patterns.js';

/** The version every exported resource gets: app.yaml does not version its events. */
export const CATALOG_VERSION = '1.0.0';

type Pointer = { id: string; version: string };

function page(frontmatter: Record<string, unknown>, body: string): string {
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}

const channelId = (bus: string) => `bus.${bus}`;

/** Which functions receive which declared events: the function targets of pattern rules, by what the pattern matches. */
function receivers(app: App): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rule of app.rules) {
    if (!rule.pattern) continue;
    const onBus = app.events.filter((e) => e.bus === rule.bus).map((e) => ({ ...e }));
    if (!onBus.length) continue;
    const matched = checkPatternEvents(JSON.parse(JSON.stringify(rule.pattern)) as Record<string, unknown>, [], rule.bus, onBus, () => undefined);
    for (const t of rule.targets) {
      if (t.kind !== 'function') continue;
      const set = out.get(t.name) ?? new Set<string>();
      matched.forEach((e) => set.add(e.name));
      out.set(t.name, set);
    }
  }
  return out;
}

/** The folder's files: events/<Name>/index.mdx and schema.json, channels/bus.<name>/index.mdx, services/<fn>/index.mdx. */
export function eventCatalogFiles(app: App): Map<string, string> {
  const files = new Map<string, string>();
  const version = CATALOG_VERSION;
  const busOf = new Map(app.events.map((e) => [e.name, e.bus]));
  for (const e of app.events) {
    files.set(`events/${e.name}/schema.json`, `${JSON.stringify(e.schema, null, 2)}\n`);
    files.set(
      `events/${e.name}/index.mdx`,
      page(
        { id: e.name, name: e.name, version, summary: `detail-type "${e.detailType}" from source ${e.source}, put on bus ${e.bus}`, schemaPath: 'schema.json' },
        `## Overview\n\nAn EventBridge event of **${app.name}**: \`source\` is \`${e.source}\`, \`detail-type\` is \`${e.detailType}\`, and \`detail\` follows [schema.json](./schema.json) (JSON Schema draft 2020-12).${e.producers.length ? `\n\nPut on bus \`${e.bus}\` by ${e.producers.map((p) => `\`${p}\``).join(', ')}.` : ''}\n\n<Schema file="schema.json" />`,
      ),
    );
  }
  for (const bus of new Set(app.events.map((e) => e.bus))) {
    const address = bus === 'default' ? 'default' : `${app.name}-${app.stage}-${bus}`;
    files.set(
      `channels/${channelId(bus)}/index.mdx`,
      page({ id: channelId(bus), name: `${bus} (EventBridge bus)`, version, summary: `The EventBridge bus ${bus} of ${app.name}`, address, protocols: ['eventbridge'] }, `## Overview\n\nEventBridge bus \`${bus}\`, deployed as \`${address}\` (stage ${app.stage}). Rules on it deliver the events their patterns match.`),
    );
  }
  const receives = receivers(app);
  for (const fn of app.functions) {
    const sent = app.events.filter((e) => e.producers.includes(fn.name));
    const got = [...(receives.get(fn.name) ?? [])];
    if (!sent.length && !got.length) continue;
    const pointer = (name: string, way: 'to' | 'from'): Pointer & Record<string, unknown> => ({ id: name, version, [way]: [{ id: channelId(busOf.get(name)!) }] });
    files.set(
      `services/${fn.name}/index.mdx`,
      page(
        { id: fn.name, name: fn.name, version, summary: fn.description ?? `Lambda function ${fn.name} of ${app.name}`, ...(sent.length ? { sends: sent.map((e) => pointer(e.name, 'to')) } : {}), ...(got.length ? { receives: got.map((n) => pointer(n, 'from')) } : {}) },
        `## Overview\n\nThe Lambda function \`${fn.name}\` (handler \`${fn.handlerFile}\`).\n\n<NodeGraph />`,
      ),
    );
  }
  return files;
}
