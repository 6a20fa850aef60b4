// Python functions' generated code: a typed stub per trigger kind (never over an existing file)
// that py_compile and mypy --strict accept, with generated/lambda_types.py and resources.py in
// each code root; resources.py reads the environment and names the app.yaml entry when a
// variable is missing; an app without Python gets none of it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/pipeline/index.js';
import { eda, tempProject } from '../../support/cli.js';
import { mypy, pyCompile, python } from '../../support/python.js';

const EVERY_TRIGGER = `name: py
runtime: python3.13
functions:
  api: { triggers: [{ http: 'GET /items/{id}', api: public }], uses: [{ table: items, access: read }, { workflow: process-order }] }
  legacyApi: { triggers: [{ http: 'POST /things', api: partners }] }
  worker: { triggers: [{ queue: jobs }], uses: [{ table: items, access: write }, { bus: orders }] }
  notify: { triggers: [{ topic: alerts }] }
  onEvent: { triggers: [{ event: { bus: orders, pattern: { source: [shop] } } }] }
  tick: { triggers: [{ schedule: 'rate(5 minutes)' }] }
  onChange: { triggers: [{ stream: items }] }
  onUpload: { triggers: [{ bucket: uploads }] }
  step: {}
  plain: {}
  both: { triggers: [{ queue: jobs2 }, { http: 'GET /both', api: public }] }
  onConnect: {}
  send: {}
  authorize: {}
  authorizeRest: {}
  enrich: {}
  legacy: { handler: jobs.nightly.run }
apis:
  public: { type: http, authorizers: { partner: { type: lambda, function: authorize } } }
  partners: { type: rest, authorizers: { token: { type: token, function: authorizeRest } } }
  chat: { type: websocket, routes: { $connect: onConnect, sendMessage: send } }
tables:
  items: { partitionKey: id, stream: newAndOld }
queues: { jobs: {}, jobs2: {}, raw: {} }
topics: { alerts: {} }
buses: { orders: {} }
buckets: { uploads: {} }
pipes:
  raw-to-step: { source: { queue: raw }, enrichment: { function: enrich }, target: { workflow: process-order } }
events:
  OrderPlaced:
    bus: orders
    source: shop
    detailType: OrderPlaced
    producers: [worker]
    schema: { type: object, required: [orderId], properties: { orderId: { type: string }, total: { type: number } } }
workflows:
  process-order:
    type: express
    definition:
      StartAt: Step
      States:
        Step: { Type: Task, Resource: step, End: true, Retry: [{ ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }] }
`;

describe('python stubs', () => {
  it('writes a typed stub for every trigger kind that py_compile and mypy --strict accept', async () => {
    const dir = tempProject({ 'app.yaml': EVERY_TRIGGER });
    const r = await eda(['synth'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const handlers = readdirSync(path.join(dir, 'src/handlers')).sort();
    expect(handlers).toEqual(['api.py', 'authorize.py', 'authorizeRest.py', 'both.py', 'enrich.py', 'legacyApi.py', 'notify.py', 'onChange.py', 'onConnect.py', 'onEvent.py', 'onUpload.py', 'plain.py', 'send.py', 'step.py', 'tick.py', 'worker.py']);
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(read('src/handlers/worker.py')).toContain('def handler(event: SQSEvent, context: Context) -> SQSBatchResponse:');
    expect(read('src/handlers/worker.py')).toContain('failures.append({"itemIdentifier": record["messageId"]})');
    expect(read('src/handlers/worker.py')).toContain('#   resources.tables.items.name   (ITEMS_TABLE_NAME; write)');
    expect(read('src/handlers/api.py')).toContain('-> APIGatewayProxyResultV2:');
    expect(read('src/handlers/legacyApi.py')).toContain('def handler(event: APIGatewayProxyEvent, context: Context) -> APIGatewayProxyResult:');
    expect(read('src/handlers/both.py')).toContain('def handler(event: Union[SQSEvent, APIGatewayProxyEventV2], context: Context) -> Union[SQSBatchResponse, APIGatewayProxyResultV2, None]:');
    expect(read('src/handlers/onUpload.py')).toContain('event: S3ObjectEvent');
    // an event consumer whose rule delivers a declared event is typed with its envelope
    expect(read('src/handlers/onEvent.py')).toContain('from generated.resources import OrderPlacedEvent\n');
    expect(read('src/handlers/onEvent.py')).toContain('def handler(event: OrderPlacedEvent, context: Context) -> None:');
    expect(read('src/generated/resources.py')).toContain('"detail-type": Literal["OrderPlaced"]');
    expect(read('src/handlers/step.py')).toContain('-> WorkflowTaskOutput:');
    expect(read('src/handlers/authorizeRest.py')).toContain('-> APIGatewayAuthorizerResult:');
    expect(read('jobs/nightly.py')).toContain('\n\n\ndef run(event: Any, context: Context) -> dict[str, Any]:'); // the module.function form: jobs/nightly.py defining run
    // the generated package beside the handlers, in each code root; no resources.ts for an all-Python app
    for (const root of ['src', '.']) {
      expect(existsSync(path.join(dir, root, 'generated/lambda_types.py'))).toBe(true);
      expect(existsSync(path.join(dir, root, 'generated/resources.py'))).toBe(true);
    }
    expect(existsSync(path.join(dir, 'src/generated/resources.ts'))).toBe(false);
    expect(read('src/generated/lambda_types.py')).toContain('S3ObjectEvent = TypedDict(');

    const files = handlers.map((h) => `handlers/${h}`).concat(['generated/lambda_types.py', 'generated/resources.py']);
    const compiled = await pyCompile(path.join(dir, 'src'), files);
    expect(compiled.exitCode, compiled.output).toBe(0);
    const typed = await mypy(path.join(dir, 'src'), files);
    expect(typed.output).toMatch(/^Success: no issues found/m);
    expect(typed.exitCode).toBe(0);
    // the stub is typed: a handler returning the wrong shape is an error
    writeFileSync(path.join(dir, 'src/handlers/worker.py'), read('src/handlers/worker.py').replace('return {"batchItemFailures": failures}', 'return {"failures": failures}'));
    const broken = await mypy(path.join(dir, 'src'), ['handlers/worker.py']);
    expect(broken.exitCode).toBe(1);
    expect(broken.output).toContain('SQSBatchResponse');
  }, 300_000);

  it('never writes over an existing handler', async () => {
    const dir = tempProject({ 'app.yaml': 'name: py\nruntime: python3.12\nfunctions:\n  a: {}\n', 'src/handlers/a.py': 'def handler(event, context):\n    return 1\n' });
    expect((await eda(['synth'], { cwd: dir })).exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'src/handlers/a.py'), 'utf8')).toBe('def handler(event, context):\n    return 1\n');
    expect(existsSync(path.join(dir, 'src/generated/resources.py'))).toBe(true);
  });

  it('writes no Python files for a Node.js-only app, and resources.ts only for apps with Node.js functions', async () => {
    const node = await compile({ cwd: '/nonexistent', text: 'name: n\nfunctions:\n  a: { uses: [{ queue: q }] }\nqueues: { q: {} }\n' });
    expect(node.files.map((f) => f.path).sort()).toEqual(['src/generated/resources.ts', 'src/handlers/a.ts', 'template.yaml']);
    const mixed = await compile({ cwd: '/nonexistent', text: 'name: n\nfunctions:\n  a: { uses: [{ queue: q }] }\n  b: { runtime: python3.13, uses: [{ queue: q }] }\nqueues: { q: {} }\n' });
    expect(mixed.files.map((f) => f.path).sort()).toEqual(['src/generated/lambda_types.py', 'src/generated/resources.py', 'src/generated/resources.ts', 'src/handlers/a.ts', 'src/handlers/b.py', 'template.yaml']);
  });
});

describe('generated resources.py', () => {
  it('reads names from the environment, and a missing variable names the app.yaml entry', async () => {
    const dir = tempProject({ 'app.yaml': EVERY_TRIGGER });
    expect((await eda(['synth'], { cwd: dir })).exitCode).toBe(0);
    const src = path.join(dir, 'src');
    const set = await python(src, 'from generated import resources\nprint(resources.tables.items.name, resources.workflows.process_order.arn)', { ITEMS_TABLE_NAME: 'py-dev-items', PROCESS_ORDER_WORKFLOW_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:x' });
    expect(set.output).toBe('py-dev-items arn:aws:states:us-east-1:123456789012:stateMachine:x');
    const missing = await python(src, 'from generated import resources\nresources.queues', {});
    expect(missing.output).toContain("has no attribute 'queues'"); // no function uses a queue
    const unset = await python(src, 'from generated import resources\nresources.tables.items.name', {});
    expect(unset.exitCode).toBe(1);
    expect(unset.output).toContain("generated.resources.MissingResourceError: ITEMS_TABLE_NAME is not set: add `- table: items` to the function's uses in app.yaml");
  });

  it('puts a declared event with boto3 put_events, filling in source, detail-type and bus', async () => {
    const dir = tempProject({ 'app.yaml': EVERY_TRIGGER });
    expect((await eda(['synth'], { cwd: dir })).exitCode).toBe(0);
    const code = [
      'import sys, types, json',
      'calls = []',
      'class Client:',
      '    def put_events(self, Entries):',
      '        calls.append(Entries)',
      '        return {"Entries": [{"EventId": "e-1"}], "FailedEntryCount": 0}',
      'sys.modules["boto3"] = types.SimpleNamespace(client=lambda name: Client())',
      'from generated import resources',
      'print(resources.events.order_placed.put({"orderId": "o-1", "total": 5.0}))',
      'print(json.dumps(calls))',
    ].join('\n');
    const r = await python(path.join(dir, 'src'), code, { ORDERS_BUS_NAME: 'py-dev-orders' });
    expect(r.exitCode, r.output).toBe(0);
    const [id, calls] = r.output.split('\n');
    expect(id).toBe('e-1');
    expect(JSON.parse(calls!)).toEqual([[{ EventBusName: 'py-dev-orders', Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"orderId": "o-1", "total": 5.0}' }]]);
  });
});
