// message: on topics and queues: the schema file read and checked like an event's (mistakes at
// the file's line and column, inline ones in app.yaml), warnings for queues a topic feeds in a
// shape other than their schema, and eda synth refusing an invalid one (exit 1, nothing written).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateText } from '../../../src/pipeline/validate.js';
import { eda, tempProject } from '../../support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'eda-messages-'));
mkdirSync(path.join(dir, 'schemas'));
writeFileSync(path.join(dir, 'schemas/payment.json'), '{\n  "type": "object",\n  "required": ["orderId"],\n  "properties": {\n    "orderId": { "type": "string" }\n  }\n}\n');
writeFileSync(path.join(dir, 'schemas/bad.yaml'), 'type: object\nproperties:\n  amount: { type: numbr }\n');
writeFileSync(path.join(dir, 'schemas/other.json'), '{ "type": "object", "properties": { "x": { "type": "number" } } }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function diagnostics(yaml: string): string[] {
  return validateText(yaml, { cwd: dir }).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.severity} ${d.message} | ${d.hint}`);
}

describe('message schemas of topics and queues', () => {
  it('a schema file or an inline schema, of any JSON type, has no diagnostics', () => {
    const yaml = `name: shop\nqueues:\n  payments: { message: schemas/payment.json }\n  ids: { message: { type: string } }\ntopics:\n  news: { message: { type: object } }\n`;
    expect(diagnostics(yaml)).toEqual([]);
  });

  it('reports a missing or outside file at the key, an invalid schema at its line and column', () => {
    const yaml = `name: shop\nqueues:\n  a: { message: schemas/none.json }\n  b: { message: schemas/bad.yaml }\n  c: { message: ../outside.json }\ntopics:\n  t: { message: { type: object, required: orderId } }\n`;
    expect(diagnostics(yaml)).toEqual([
      "app.yaml:3:17 error schema file 'schemas/none.json' does not exist | create schemas/none.json (a JSON Schema of its messages), or write the schema inline",
      "app.yaml:5:17 error schema file '../outside.json' is outside the project folder | keep message schemas in the project, e.g. schemas/c.json",
      'app.yaml:7:43 error invalid JSON Schema for the messages of topic t: required must be array | message schemas are JSON Schema draft 2020-12, of the body as JSON',
      'schemas/bad.yaml:3:19 error invalid JSON Schema for the messages of queue b: type must be equal to one of the allowed values ("array", "boolean", "integer", "null", "number", "object", "string") | did you mean \'number\'?',
    ]);
  });

  it('a schema that is not an object says what it is', () => {
    const yaml = `name: shop\nqueues:\n  a: { message: 42 }\n  b: { message: { type: objet } }\n`;
    expect(diagnostics(yaml)).toEqual([
      'app.yaml:3:17 error queues.a.message must be a string or a mapping, not the number 42 | the JSON Schema (draft 2020-12) of its messages\' bodies (JSON): a .json/.yaml file in the project, or inline',
      'app.yaml:4:25 error invalid JSON Schema for the messages of queue b: type must be equal to one of the allowed values ("array", "boolean", "integer", "null", "number", "object", "string") | did you mean \'object\'?',
    ]);
    writeFileSync(path.join(dir, 'schemas/number.json'), '42\n');
    expect(diagnostics(`name: shop\nqueues:\n  a: { message: schemas/number.json }\n`)).toEqual([
      'schemas/number.json:1:1 error invalid JSON Schema for the messages of queue a: the schema must be a JSON object (or true or false), not 42 | message schemas are JSON Schema draft 2020-12, of the body as JSON',
    ]);
  });

  it('an unclosed JSON schema file is one error, where the bracket opens', () => {
    writeFileSync(path.join(dir, 'schemas/unclosed.json'), '{\n  "type": "object",\n  "properties": { "a": { "type": "string" } \n');
    expect(diagnostics(`name: shop\nqueues:\n  a: { message: schemas/unclosed.json }\n`)).toEqual([
      'schemas/unclosed.json:1:1 error the mapping opened with { here is never closed | add the missing closing brackets before the end of the file (2 are open)',
    ]);
  });

  it('warns when a topic feeds a queue with a schema in SNS envelopes, or raw with a different schema', () => {
    const yaml = `name: shop\nqueues:\n  a: { message: schemas/payment.json }\n  b: { message: schemas/other.json }\n  c: { message: schemas/payment.json }\ntopics:\n  t:\n    message: schemas/payment.json\n    subscriptions:\n      - queue: a\n      - queue: b\n        raw: true\n      - queue: c\n        raw: true\n`;
    expect(diagnostics(yaml)).toEqual([
      "app.yaml:10:16 warning queue 'a' declares a message schema, but topic 't' delivers to it without raw: true, so its bodies are SNS envelopes (the message is a string inside) | add raw: true to the subscription to deliver the message as the body",
      "app.yaml:11:16 warning topic 't' delivers its messages to queue 'b' as they are, but the two declare different message schemas | name the same schema file in topics.t.message and queues.b.message",
    ]);
  });

  it('eda synth refuses an invalid message schema: exit 1, the position, no stack trace, nothing written', async () => {
    const project = tempProject({ 'app.yaml': 'name: shop\nqueues:\n  payments:\n    message: schemas/bad.json\n', 'schemas/bad.json': '{\n  "type": "object",\n  "required": "orderId"\n}\n' });
    const run = await eda(['synth', '--cwd', project]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('schemas/bad.json:3:15: error invalid JSON Schema for the messages of queue payments: required must be array');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(project, 'template.yaml'))).toBe(false);
  });
});

describe('filter policies on the message body (filterScope: body)', () => {
  const app = (filter: string, scope = 'body') => `name: shop
topics:
  orders:
    message:
      type: object
      properties:
        type: { type: string }
        order: { type: object, properties: { total: { type: number }, items: { type: array, items: { type: object, properties: { sku: { type: string } } } } } }
    subscriptions:
      - queue: big
        raw: true
        filterScope: ${scope}
        filter: ${filter}
queues:
  big: {}
functions:
  onOrder:
    triggers:
      - topic: orders
        filterScope: ${scope}
        filter: ${filter}
`;

  it('a policy on fields the schema has (nested, through arrays, $or) has no diagnostics', () => {
    expect(diagnostics(app('{ order: { total: [{ numeric: [">", 100] }], items: { sku: [{ prefix: "tea-" }] } }, $or: [{ type: [placed] }, { type: [paid] }] }'))).toEqual([]);
  });

  it('a field the schema lacks is an error at the key, on subscriptions and topic triggers, with did you mean', () => {
    expect(diagnostics(app('{ order: { totl: [{ numeric: [">", 100] }] } }'))).toEqual([
      "app.yaml:13:28 error order.totl is not in the message schema of topic 'orders': this filter policy never matches a message | did you mean 'total'?",
      "app.yaml:21:28 error order.totl is not in the message schema of topic 'orders': this filter policy never matches a message | did you mean 'total'?",
    ]);
  });

  it('a policy on message attributes is not checked against the schema', () => {
    expect(diagnostics(app('{ kind: [placed] }', 'attributes'))).toEqual([]);
  });

  it('filterScope without a filter is a warning at the key, on subscriptions and topic triggers: every message is delivered', () => {
    const yaml = 'name: shop\nqueues:\n  q: {}\ntopics:\n  t:\n    subscriptions:\n      - queue: q\n        filterScope: body\nfunctions:\n  f:\n    triggers:\n      - topic: t\n        filterScope: attributes\n';
    const hint = 'add filter: (a filter policy, e.g. filter: { type: [OrderPlaced] }), or remove filterScope';
    expect(diagnostics(yaml)).toEqual([
      `app.yaml:8:9 warning filterScope has no filter to apply to: every message is delivered | ${hint}`,
      `app.yaml:13:9 warning filterScope has no filter to apply to: every message is delivered | ${hint}`,
    ]);
  });

  it('filterScope is for topic triggers only', () => {
    const yaml = 'name: shop\nqueues:\n  q: {}\nfunctions:\n  f:\n    triggers:\n      - queue: q\n        filterScope: body\n';
    expect(diagnostics(yaml).join('\n')).toContain('app.yaml:8:9 error');
  });
});

describe('eda add queue / topic --schema', () => {
  it('writes message: and the typed helpers; a missing schema file is refused at its position, nothing written', async () => {
    const project = tempProject({ 'app.yaml': 'name: shop\n', 'schemas/job.json': '{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }\n' });
    const add = await eda(['add', 'queue', 'jobs', '--schema', 'schemas/job.json', '--yes', '--cwd', project]);
    expect(add.exitCode, add.stderr).toBe(0);
    expect(readFileSync(path.join(project, 'app.yaml'), 'utf8')).toBe('name: shop\nqueues:\n  jobs:\n    message: schemas/job.json\n');
    expect(readFileSync(path.join(project, 'src/generated/resources.ts'), 'utf8')).toContain('parse: (body: string): JobsQueueMessage => JSON.parse(body) as JobsQueueMessage,');
    const refused = await eda(['add', 'topic', 'news', '--schema', 'schemas/missing.json', '--yes', '--cwd', project]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("app.yaml:7:14: error schema file 'schemas/missing.json' does not exist");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(project, 'app.yaml'), 'utf8')).not.toContain('news');
    const topic = await eda(['add', 'topic', 'news', '--schema', 'schemas/job.json', '--yes', '--cwd', project]);
    expect(topic.exitCode, topic.stderr).toBe(0);
    expect(readFileSync(path.join(project, 'app.yaml'), 'utf8')).toContain('topics:\n  news:\n    message: schemas/job.json\n');
    const remove = await eda(['remove', 'queue', 'jobs', '--yes', '--cwd', project]);
    expect(remove.exitCode, remove.stderr).toBe(0);
    expect(readFileSync(path.join(project, 'app.yaml'), 'utf8')).not.toContain('jobs');
  }, 60_000);
});
