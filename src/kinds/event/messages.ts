// Message contracts: `message:` on topics and queues, the JSON Schema of their message bodies
// (a file in the project, or inline), checked like event schemas: mistakes positioned in the
// schema file or in app.yaml. A queue with a schema that a topic feeds is checked against how
// the topic delivers (raw: the topic's message as is; otherwise the SNS envelope), and a filter
// policy on the message body (filterScope: body) against the fields the topic's schema has.
import { isDeepStrictEqual } from 'node:util';
import { suggest } from '../../core/did-you-mean.js';
import type { Path } from '../../manifest/source.js';
import { validatePattern } from '../../pattern/index.js';
import type { CheckContext } from '../types.js';
import { schemaMistakes } from './json-schema.js';
import { alternatives } from './patterns.js';
import { propertyNames, schemaAt } from './schema-paths.js';

/** The message schema declared for `topics.<name>` / `queues.<name>`: undefined when none, or when it is unreadable or invalid. */
export function checkMessageSchema(c: CheckContext, section: 'topics' | 'queues', name: string): unknown {
  const spec = c.m[section]?.[name];
  if (!spec || spec.message === undefined) return undefined;
  const fromFile = typeof spec.message === 'string' ? c.eventSchemaFiles.get(`${section}.${name}`) : undefined;
  if (typeof spec.message === 'string' && !fromFile) return undefined; // missing or unreadable: reported while loading
  const schema = fromFile ? fromFile.schema : spec.message;
  const what = `${section === 'topics' ? 'topic' : 'queue'} ${name}`;
  const mistakes = schemaMistakes(schema, false);
  for (const m of mistakes) {
    const message = `invalid JSON Schema for the messages of ${what}: ${m.message}`;
    const hint = m.hint ?? 'message schemas are JSON Schema draft 2020-12, of the body as JSON';
    if (fromFile) c.add({ path: m.path, file: fromFile.file, code: 'message-schema-invalid', message, hint });
    else c.add({ path: [section, name, 'message', ...m.path], code: 'message-schema-invalid', message, hint });
  }
  return mistakes.length ? undefined : schema;
}

export function checkMessages(c: CheckContext): void {
  const schemas = new Map<string, unknown>();
  for (const section of ['topics', 'queues'] as const) {
    for (const name of Object.keys(c.m[section] ?? {})) {
      const schema = checkMessageSchema(c, section, name);
      if (schema !== undefined) schemas.set(`${section}.${name}`, schema);
    }
  }
  checkScopesWithoutFilter(c);
  for (const { topic, filter, path } of bodyFilters(c)) {
    const schema = schemas.get(`topics.${topic}`);
    if (schema !== undefined) checkBodyFilter(c, topic, schema, filter, path);
  }
  for (const [topicName, topic] of Object.entries(c.m.topics ?? {})) {
    (topic?.subscriptions ?? []).forEach((s, i) => {
      const queueSchema = s && typeof s.queue === 'string' ? schemas.get(`queues.${s.queue}`) : undefined;
      if (queueSchema === undefined) return;
      const path = ['topics', topicName, 'subscriptions', i];
      const topicSchema = schemas.get(`topics.${topicName}`);
      if (!s.raw) {
        c.add({ path: [...path, 'queue'], severity: 'warning', code: 'message-envelope', message: `queue '${s.queue}' declares a message schema, but topic '${topicName}' delivers to it without raw: true, so its bodies are SNS envelopes (the message is a string inside)`, hint: 'add raw: true to the subscription to deliver the message as the body' });
      } else if (topicSchema !== undefined && !isDeepStrictEqual(topicSchema, queueSchema)) {
        c.add({ path: [...path, 'queue'], severity: 'warning', code: 'message-schema-differs', message: `topic '${topicName}' delivers its messages to queue '${s.queue}' as they are, but the two declare different message schemas`, hint: `name the same schema file in topics.${topicName}.message and queues.${s.queue}.message` });
      }
    });
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** filterScope says what a filter policy matches; without a filter there is nothing for it to apply to, and the subscription receives every message. */
function checkScopesWithoutFilter(c: CheckContext): void {
  const scoped: Path[] = [];
  for (const [topic, spec] of Object.entries(c.m.topics ?? {})) {
    (spec?.subscriptions ?? []).forEach((s, i) => {
      if (s?.filterScope !== undefined && s.filter === undefined) scoped.push(['topics', topic, 'subscriptions', i, 'filterScope']);
    });
  }
  for (const { trigger: t, path } of c.triggers('topic')) if (t.filterScope !== undefined && t.filter === undefined) scoped.push([...path, 'filterScope']);
  for (const path of scoped) {
    c.add({ path, at: 'key', severity: 'warning', code: 'filter-scope-alone', message: 'filterScope has no filter to apply to: every message is delivered', hint: 'add filter: (a filter policy, e.g. filter: { type: [OrderPlaced] }), or remove filterScope' });
  }
}

/** Every filter policy on a message body: topics' subscriptions' and topic triggers' with filterScope: body. */
function bodyFilters(c: CheckContext): { topic: string; filter: Record<string, unknown>; path: Path }[] {
  const out: { topic: string; filter: Record<string, unknown>; path: Path }[] = [];
  for (const [topic, spec] of Object.entries(c.m.topics ?? {})) {
    (spec?.subscriptions ?? []).forEach((s, i) => {
      if (s?.filterScope === 'body' && isObj(s.filter)) out.push({ topic, filter: s.filter, path: ['topics', topic, 'subscriptions', i, 'filter'] });
    });
  }
  for (const { trigger: t, path } of c.triggers('topic')) {
    if (t.filterScope === 'body' && typeof t.topic === 'string' && isObj(t.filter)) out.push({ topic: t.topic, filter: t.filter, path: [...path, 'filter'] });
  }
  return out;
}

/** Each field a body filter policy names must be one the topic's messages can have: otherwise the subscription never receives a message. */
function checkBodyFilter(c: CheckContext, topic: string, schema: unknown, filter: Record<string, unknown>, at: Path): void {
  if (validatePattern(filter).length) return; // reported as an invalid filter policy
  const seen = new Set<string>();
  for (const alt of alternatives(filter, [], at)) {
    for (const leaf of alt) {
      const key = leaf.field.join('.');
      if (seen.has(key) || schemaAt(schema, leaf.field) !== undefined) continue;
      seen.add(key);
      const parent = leaf.field.slice(0, -1);
      const names = propertyNames(schema, parent);
      c.add({ path: leaf.path, at: 'key', code: 'filter-field-unknown', message: `${key} is not in the message schema of topic '${topic}': this filter policy never matches a message`, hint: suggest(leaf.field[leaf.field.length - 1]!, names, parent.length ? `fields at ${parent.join('.')}` : 'message fields') });
    }
  }
}
