// What validate says about pipes, connections and http targets: each problem at its line and
// column, with "did you mean" and a hint; the ones only a deploy cares about come from synth.
import { describe, expect, it } from 'vitest';
import { InvalidAppError } from '../../../src/core/errors.js';
import type { Diagnostic } from '../../../src/core/diagnostics.js';
import { compile } from '../../../src/pipeline/index.js';
import { validateText } from '../../../src/pipeline/validate.js';

const base = `name: shop
functions:
  enrich: {}
  handle: {}
tables:
  users: { partitionKey: id, stream: newAndOld }
  plain: { partitionKey: id }
queues:
  orders: {}
workflows:
  slow: { definition: { StartAt: P, States: { P: { Type: Pass, End: true } } } }
  quick: { type: express, definition: { StartAt: P, States: { P: { Type: Pass, End: true } } } }
`;

async function errorsOf(yaml: string, synth = false): Promise<Diagnostic[]> {
  let diagnostics: Diagnostic[];
  if (synth) {
    const error = await compile({ cwd: '/nonexistent', text: yaml }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAppError);
    diagnostics = (error as InvalidAppError).diagnostics;
  } else diagnostics = validateText(yaml, { cwd: '/nonexistent' }).diagnostics;
  return diagnostics.filter((d) => d.severity === 'error');
}

const at = (d: Diagnostic[]) => d.map((x) => `${x.line}:${x.col} ${x.message}`);

describe('pipe checks', () => {
  it('names an unknown source, enrichment and target with did you mean', async () => {
    const errors = await errorsOf(`${base}pipes:\n  p:\n    source: { queue: order }\n    enrichment: { function: enrch }\n    target: { workflow: quik }\n`);
    expect(at(errors)).toEqual([
      "15:22 queue 'order' is not declared under queues",
      "16:29 function 'enrch' is not declared under functions",
      "17:25 workflow 'quik' is not declared under workflows",
    ]);
    expect(errors.map((e) => e.hint)).toEqual(["did you mean 'orders'?", "did you mean 'enrich'?", "did you mean 'quick'?"]);
  });

  it('refuses a standard workflow as enrichment, and requestResponse on a standard target', async () => {
    const errors = await errorsOf(`${base}pipes:\n  p:\n    source: { queue: orders }\n    enrichment: { workflow: slow }\n    target: { workflow: slow, invocation: requestResponse }\n`);
    expect(at(errors)).toEqual([
      "16:29 workflow 'slow' is a standard workflow; a pipe waits for its enrichment, which only express workflows allow",
      '17:43 a standard workflow cannot be run requestResponse (synchronously)',
    ]);
    expect(errors[0]!.hint).toBe("set type: express on workflows.slow, or make the workflow the pipe's target");
  });

  it('refuses a stream source on a table without a stream, and queue-only settings elsewhere', async () => {
    const errors = await errorsOf(`${base}pipes:\n  p:\n    source: { table: plain }\n    target: { function: handle }\n  q:\n    source: { queue: orders, maxRetries: 2 }\n    target: { function: handle }\n`);
    expect(at(errors)).toEqual(["15:22 table 'plain' has no stream for the pipe to read", '18:30 maxRetries applies to table streams, not queues']);
    expect(errors[0]!.hint).toBe('add stream: newAndOld (or new, old, keys) to tables.plain');
  });

  it('warns when a pipe shares its queue with another consumer', () => {
    const yaml = `${base.replace('  handle: {}\n', '  handle: {}\n  worker: { triggers: [{ queue: orders }] }\n')}pipes:\n  p:\n    source: { queue: orders }\n    target: { function: handle }\n`;
    const { diagnostics } = validateText(yaml, { cwd: '/nonexistent' });
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message}`)).toEqual(["16:22 warning queue 'orders' is also consumed by function worker; each message goes to only one of them"]);
  });

  it('refuses batch sizes the target cannot take, and the schema bounds the rest', async () => {
    const errors = await errorsOf(`${base}pipes:\n  p:\n    source: { table: users, batchSize: 100 }\n    target: { queue: orders }\n  q:\n    source: { queue: orders, batchSize: 20000 }\n    target: { function: handle }\n`);
    expect(at(errors)).toEqual(['15:40 a pipe delivering to a queue takes batches of at most 10, not 100', '18:41 pipes.q.source.batchSize must be ≤ 10000 (it is 20000)']);
  });

  it('checks the filter pattern and input templates where they are written', async () => {
    const errors = await errorsOf(
      `${base}pipes:\n  p:\n    source: { queue: orders }\n    filter: { body: { n: [{ numeric: [">", "x"] }] } }\n    target:\n      function: handle\n      input: '{"id": <$.body.id>, "pipe": "<aws.pipes.pipe_name>"}'\n`,
    );
    expect(at(errors)).toEqual([
      '16:44 invalid filter pattern: the value after ">" must be a number, not the string "x"',
      '19:44 invalid input template: <aws.pipes.pipe_name> is not a Pipes variable',
    ]);
    expect(errors[1]!.hint).toBe('did you mean <aws.pipes.pipe-name>?');
  });

  it('points into a template written as a literal block', async () => {
    const errors = await errorsOf(`${base}pipes:\n  p:\n    source: { queue: orders }\n    target:\n      function: handle\n      input: |\n        {\n          "id": <$.body.id>,\n          "at": "<aws.pipes.event.ingestion_time>"\n        }\n`);
    expect(at(errors)).toEqual(['21:18 invalid input template: <aws.pipes.event.ingestion_time> is not a Pipes variable']);
  });

  it('refuses a JSON template that is not JSON, and a placeholder as a key', async () => {
    const errors = await errorsOf(`${base}pipes:\n  p:\n    source: { queue: orders }\n    target:\n      function: handle\n      input: '{<$.body.k>: 1}'\n`);
    expect(at(errors)).toEqual(['18:16 invalid input template: a placeholder cannot be an object key (<$.body.k>)']);
    const notJson = await errorsOf(`${base}pipes:\n  p:\n    source: { queue: orders }\n    target:\n      function: handle\n      input: '{"a": <$.body> "b": 1}'\n`);
    expect(at(notJson)).toEqual(["18:30 invalid input template: the input template starts like JSON but is not valid JSON: Expected ',' or '}' after property value"]);
  });
});

describe('connection and http target checks', () => {
  const conn = (value: string) => `${base}connections:\n  hooks:\n    auth:\n      apiKey: { header: x-api-key, value: '${value}' }\n`;

  it('refuses a literal secret, with the way to refer to one', async () => {
    const errors = await errorsOf(conn('sk_live_123'));
    expect(at(errors)).toEqual(['16:43 the API key is written into app.yaml; a connection takes a reference to a secret, never the secret']);
    expect(errors[0]!.hint).toContain('${secret:<name>}');
  });

  it('accepts ${secret:...}, a secret ARN and {{resolve:secretsmanager:...}}', async () => {
    for (const value of ['${secret:hooks}', '${secret:hooks:apiKey}', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hooks-AbCdEf', '{{resolve:secretsmanager:hooks:SecretString:key}}']) {
      expect(at(await errorsOf(conn(value))), value).toEqual([]);
    }
  });

  it('names an unknown connection and refuses a plain-http URL that is not loopback', async () => {
    const yaml = `${conn('${secret:hooks}')}buses:\n  app: {}\nrules:\n  r:\n    bus: app\n    pattern: { source: [x] }\n    targets:\n      - http: { url: 'http://example.com/x', connection: hook }\n`;
    const errors = await errorsOf(yaml);
    expect(at(errors)).toEqual(['24:22 an API destination must be https (AWS calls https endpoints only)', "24:58 connection 'hook' is not declared under connections"]);
  });

  it('lets eda dev call http://localhost, and refuses it when synthesizing for AWS', async () => {
    const yaml = `${conn('${secret:hooks}')}buses:\n  app: {}\nrules:\n  r:\n    bus: app\n    pattern: { source: [x] }\n    targets:\n      - http: { url: 'http://localhost:3001/x', connection: hooks }\n`;
    expect(await errorsOf(yaml)).toEqual([]);
    const errors = await errorsOf(yaml, true);
    expect(at(errors)).toEqual(['24:22 an API destination must be https to deploy; http://localhost:3001/x is reachable from eda dev only']);
  });
});
