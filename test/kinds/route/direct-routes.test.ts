// Direct routes (apis.X.routes): positioned validation, the role each route gets (one action on
// one resource), the integrations written into the API's OpenAPI body, and templates that
// cfn-lint and AWS's SAM translator accept.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile } from '../../../src/pipeline/index.js';
import { validateText } from '../../../src/pipeline/validate.js';
import { cfnLint, samTranslate } from '../../support/cfn.js';
import { eda, tempProject } from '../../support/cli.js';

const base = [
  'name: shop',
  'queues:',
  '  orders: {}',
  '  payments: { fifo: true }',
  'buses:',
  '  orders: {}',
  'tables:',
  '  orders: { partitionKey: id }',
  'workflows:',
  '  checkout: { type: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }',
  '  fulfil: { definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }',
];

function problems(lines: string[]): string[] {
  const { diagnostics } = validateText([...base, ...lines, ''].join('\n'), { cwd: '/' });
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`);
}

describe('direct route validation', () => {
  it('points at an unknown target with did you mean', () => {
    expect(problems(['apis:', '  ingest:', '    routes:', '      POST /orders: { queue: ordres }'])).toEqual([
      "15:30 queue 'ordres' is not declared under queues | did you mean 'orders'?",
    ]);
  });

  it('needs a message group id for a FIFO queue, and refuses one for a standard queue', () => {
    expect(problems(['apis:', '  ingest:', '    routes:', '      POST /pay: { queue: payments }', '      POST /orders: { queue: orders, messageGroupId: $request.header.g }'])).toEqual([
      "15:27 queue 'payments' is FIFO: the route must say which request value is the message group | add messageGroupId: $request.header.x-group (or $request.body.customerId)",
      "16:38 messageGroupId applies to FIFO queues; 'orders' is a standard queue | remove it, or make the queue fifo: true",
    ]);
  });

  it('refuses sync on a standard workflow', () => {
    expect(problems(['apis:', '  ingest:', '    routes:', '      POST /f: { workflow: fulfil, sync: true }'])).toEqual([
      "15:42 sync needs an express workflow; 'fulfil' is a standard workflow | set workflows.fulfil.type: express, or drop sync (the route answers 202 with the execution ARN)",
    ]);
  });

  it('refuses a table route on an HTTP API, with the hint to use a REST API', () => {
    expect(problems(['apis:', '  ingest:', '    routes:', '      GET /orders/{id}: { table: orders }'])).toEqual([
      '15:34 a table route needs a rest api: HTTP APIs have no DynamoDB integration | set apis.ingest.type: rest, or serve the route with a function',
    ]);
  });

  it('needs the key in the path of a get, and an action for a PATCH', () => {
    expect(problems(['apis:', '  store:', '    type: rest', '    routes:', '      GET /orders: { table: orders }', '      PATCH /orders/{id}: { table: orders }'])).toEqual([
      "16:20 the get reads the key 'id' from the path, but '/orders' has no {id} | e.g. GET /orders/{id}",
      '17:27 a PATCH table route needs an action | action: put | get | query | delete',
    ]);
  });

  it('needs source and detailType on a bus route, and refuses fields of another kind', () => {
    expect(problems(['apis:', '  ingest:', '    routes:', '      POST /e: { bus: orders, sync: true }'])).toEqual([
      '15:16 a bus route needs source | source: shop.api',
      '15:16 a bus route needs detailType | detailType: OrderRequested',
      "15:31 'sync' does not apply to a bus route | a bus route takes: bus, source, detailType",
    ]);
  });

  it('refuses a route both a function and a direct route serve, whatever the parameter names', () => {
    expect(problems(['functions:', '  get:', '    triggers: [{ http: "GET /orders/{id}", api: store }]', 'apis:', '  store:', '    type: rest', '    routes:', '      GET /orders/{orderId}: { table: orders }'])).toEqual([
      "19:7 route 'GET /orders/{orderId}' on api 'store' is already taken by functions.get | a route (method and path, whatever the parameter names) has one target: remove one of them",
      "19:30 the get reads the key 'id' from the path, but '/orders/{orderId}' has no {id} | path parameters: orderId",
    ]);
  });

  it('names no target: one of queue, bus, workflow, table', () => {
    expect(problems(['apis:', '  ingest:', '    routes:', '      POST /x: { sync: true }'])).toEqual(['15:16 route names no queue, bus, workflow, table | write one of: queue, bus, workflow, table']);
  });

  it('exits 1 from the CLI with the position, and writes nothing', async () => {
    const dir = tempProject({ 'app.yaml': [...base, 'apis:', '  ingest:', '    routes:', '      POST /orders: { queue: ordres }', ''].join('\n') });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr + run.stdout).toContain("app.yaml:15:30: error queue 'ordres' is not declared under queues");
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(false);
  });
});

const app = [
  ...base,
  'functions:',
  '  get: { triggers: [{ http: GET /health, api: ingest }] }',
  'apis:',
  '  ingest:',
  '    auth: iam',
  '    cors: true',
  '    routes:',
  '      POST /orders: { queue: orders }',
  '      POST /pay/{customer}: { queue: payments, messageGroupId: $request.path.customer }',
  '      POST /events: { bus: orders, source: shop.api, detailType: OrderRequested }',
  '      POST /checkout: { workflow: checkout, sync: true }',
  '      POST /fulfil: { workflow: fulfil }',
  '  store:',
  '    type: rest',
  '    routes:',
  '      PUT /orders/{id}: { table: orders }',
  '      GET /orders/{id}: { table: orders }',
  '      DELETE /orders/{id}: { table: orders }',
  '      POST /orders: { queue: orders }',
  '      POST /events: { bus: default, source: shop.api, detailType: OrderRequested }',
  '      POST /checkout: { workflow: checkout, sync: true }',
  '',
].join('\n');

describe('direct route synth', () => {
  it('gives each route a role allowed exactly its one action on its one resource', async () => {
    const dir = tempProject({ 'app.yaml': app });
    const { template } = await compile({ cwd: dir });
    const r = template.Resources as Record<string, any>;
    const policy = (id: string) => {
      expect(r[id].Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      return r[id].Properties.Policies.map((p: any) => p.PolicyDocument.Statement).flat();
    };
    expect(policy('IngestHttpApiPostOrdersRole')).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] } }]);
    expect(policy('IngestHttpApiPostEventsRole')).toEqual([{ Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': ['OrdersBus', 'Arn'] } }]);
    expect(policy('IngestHttpApiPostCheckoutRole')).toEqual([{ Effect: 'Allow', Action: 'states:StartSyncExecution', Resource: { Ref: 'CheckoutStateMachine' } }]);
    expect(policy('IngestHttpApiPostFulfilRole')).toEqual([{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'FulfilStateMachine' } }]);
    expect(policy('StoreRestApiGetOrdersIdRole')).toEqual([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }]);
    expect(policy('StoreRestApiPutOrdersIdRole')).toEqual([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }]);
    expect(policy('StoreRestApiDeleteOrdersIdRole')).toEqual([{ Effect: 'Allow', Action: 'dynamodb:DeleteItem', Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } }]);
    expect(policy('StoreRestApiPostEventsRole')[0].Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' });
    const roles = Object.keys(r).filter((id) => /Api[A-Z].*Role$/.test(id) && r[id].Type === 'AWS::IAM::Role');
    expect(roles).toHaveLength(11);
  });

  it('writes first-class integrations into an HTTP API and mapping templates into a REST API', async () => {
    const dir = tempProject({ 'app.yaml': app });
    const { template } = await compile({ cwd: dir });
    const r = template.Resources as Record<string, any>;
    const http = r.IngestHttpApi.Properties.DefinitionBody.paths;
    expect(http['/pay/{customer}'].post['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy',
      integrationSubtype: 'SQS-SendMessage',
      credentials: { 'Fn::GetAtt': ['IngestHttpApiPostPayCustomerRole', 'Arn'] },
      requestParameters: { QueueUrl: { Ref: 'PaymentsQueue' }, MessageBody: '$request.body', MessageGroupId: '$request.path.customer' },
      responseParameters: { '200': { 'overwrite:statuscode': '202' } },
    });
    expect(http['/checkout'].post['x-amazon-apigateway-integration'].integrationSubtype).toBe('StepFunctions-StartSyncExecution');
    // SAM merges the functions' Api events into a REST API's explicit body only when asked
    expect(r.StoreRestApi.Properties.MergeDefinitions).toBe(true);
    const rest = r.StoreRestApi.Properties.DefinitionBody.paths;
    const get = rest['/orders/{id}'].get['x-amazon-apigateway-integration'];
    expect(get.uri).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:dynamodb:action/GetItem' });
    expect(get.requestTemplates['application/json']['Fn::Sub']).toContain('"TableName": "${OrdersTable}", "Key": {"id": {"S":');
    expect(get.responses.default.responseTemplates['application/json']).toContain('#set($context.responseOverride.status = 404)');
    expect(rest['/checkout'].post['x-amazon-apigateway-integration'].uri).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartSyncExecution' });
  });

  it("is clean under cfn-lint and accepted by AWS's SAM translator, function routes merged into the same API", async () => {
    const dir = tempProject({ 'app.yaml': app });
    const run = await eda(['synth', '--cwd', dir]);
    expect(run.exitCode).toBe(0);
    const file = path.join(dir, 'template.yaml');
    const lint = await cfnLint([file]);
    expect(lint.output).toBe('');
    const [t] = await samTranslate([file]);
    expect(t!.errors ?? []).toEqual([]);
    expect(parse(readFileSync(file, 'utf8')).Resources.IngestHttpApi.Type).toBe('AWS::Serverless::HttpApi');
  }, 300_000);
});
