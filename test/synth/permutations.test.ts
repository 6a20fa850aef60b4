// Generated apps that together use every feature of the contract, in random combinations
// (seeded, so runs are repeatable): each must be clean under cfn-lint and SAM-translatable.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InvalidAppError } from '../../src/core/errors.js';
import { formatDiagnostics } from '../../src/cli/kit/diagnostics.js';
import { compile } from '../../src/pipeline/index.js';
import { serializeTemplate } from '../../src/synth/index.js';
import { cfnLint, samTranslate } from '../support/cfn.js';
import { tempDir } from '../support/cli.js';

const options = fc.record({
  apiType: fc.constantFrom('http', 'rest'),
  auth: fc.constantFrom('none', 'iam', 'jwt'),
  cors: fc.constantFrom(false, true, 'list'),
  fifo: fc.boolean(),
  tableStream: fc.boolean(),
  provisioned: fc.boolean(),
  dlq: fc.boolean(),
  alarms: fc.boolean(),
  alertEmail: fc.boolean(),
  express: fc.boolean(),
  retainData: fc.boolean(),
  onFailure: fc.constantFrom('default', 'dlq', 'none', 'queue'),
  architecture: fc.constantFrom('arm64', 'x86_64'),
  runtime: fc.constantFrom('nodejs22.x', 'nodejs24.x'),
});
type Options = typeof options extends fc.Arbitrary<infer T> ? T : never;

export function manifestFor(o: Options): Record<string, unknown> {
  const auth = o.auth === 'jwt' && o.apiType === 'rest' ? 'iam' : o.auth;
  return {
    name: 'perm',
    runtime: o.runtime,
    defaults: { architecture: o.architecture, environment: { REGION: '${AWS::Region}', BUCKET: 'arn:${AWS::Partition}:s3:::${AWS::StackName}-x' } },
    monitoring: { alarms: o.alarms, ...(o.alertEmail ? { alertEmail: 'ops@example.com' } : {}) },
    stages: { dev: { retainData: o.retainData } },
    apis: {
      public: {
        type: o.apiType,
        ...(o.cors === true ? { cors: true } : o.cors === 'list' ? { cors: { origins: ['https://a.example.com'], methods: ['GET', 'POST'], headers: ['content-type'], maxAge: 600 } } : {}),
        ...(o.cors === 'list' ? { throttle: { rate: 20.5, burst: 40 }, accessLogs: false } : {}),
        ...(auth === 'jwt' ? { auth: { type: 'jwt', issuer: 'https://issuer.example.com', audience: ['client'] } } : auth === 'iam' ? { auth: 'iam' } : {}),
      },
    },
    functions: {
      api: { uses: [{ table: 'items', access: 'read' }, { secret: 'stripe-key' }], triggers: [{ http: 'GET /items/{id}' }, { http: 'ANY /{proxy+}' }] },
      writer: { memory: 1024, timeout: 20, uses: [{ table: 'items', access: 'write' }, { bus: 'events' }, { bus: 'default' }, { workflow: 'flow' }, { function: 'api' }], triggers: [{ http: 'POST /items' }] },
      consumer: { environment: { PUBLIC_URL: '${apis.public.url}items', LITERAL: 'cost: $5 ${x' }, triggers: [{ queue: 'jobs', batchSize: o.fifo ? 10 : 100, ...(o.fifo ? {} : { batchWindow: 5, maxConcurrency: 5 }) }], reservedConcurrency: 3 },
      subscriber: {
        triggers: [{ topic: 'news', filter: { type: ['a', { prefix: 'b' }] } }, { event: { bus: 'events', pattern: { source: ['perm'] } }, input: { x: 1 } }, { schedule: 'rate(5 minutes)' }],
        onFailure: o.onFailure === 'default' ? undefined : o.onFailure === 'queue' ? { queue: 'failures' } : o.onFailure,
      },
      ...(o.tableStream ? { streamer: { triggers: [{ stream: 'items', startingPosition: 'TRIM_HORIZON', batchSize: 50 }] } } : {}),
      task: { uses: [{ topic: 'news' }, { queue: 'jobs' }] },
    },
    tables: {
      items: {
        partitionKey: 'id',
        sortKey: 'at:number',
        ...(o.provisioned ? { billing: { read: 5, write: 5 } } : {}),
        ...(o.tableStream ? { stream: 'newAndOld' } : {}),
        ttl: 'expiresAt',
        indexes: { byOwner: { partitionKey: 'owner', sortKey: 'at:number', projection: ['title'] }, byKind: { partitionKey: 'kind:number', projection: 'keys' } },
      },
    },
    queues: {
      jobs: { fifo: o.fifo, retention: '2d', delay: 1, ...(o.dlq ? { dlq: { maxReceives: 4 } } : { dlq: false }) },
      failures: {},
      mirror: { fifo: o.fifo },
    },
    topics: {
      news: {
        subscriptions: [{ email: 'ops@example.com' }, { https: 'https://hooks.example.com/x' }, ...(o.fifo ? [] : [{ queue: 'mirror', raw: true, filter: { type: ['a'] } }])],
      },
      ...(o.fifo ? { ordered: { fifo: true, subscriptions: [{ queue: 'mirror' }] } } : {}),
    },
    buses: { events: { archive: 7 }, other: {} },
    rules: {
      fanout: {
        bus: 'events',
        pattern: { 'detail-type': ['Created'], detail: { n: [{ numeric: ['>', 0, '<=', 10] }] } },
        targets: [{ workflow: 'flow' }, { queue: 'jobs' }, { function: 'consumer', input: { fixed: true } }, { topic: 'news' }, { bus: 'other' }],
      },
      tick: { schedule: 'cron(0/15 * ? * MON-FRI *)', enabled: false, targets: [{ function: 'consumer', inputPath: '$.detail' }] },
    },
    workflows: {
      flow: {
        type: o.express ? 'express' : 'standard',
        definition: {
          StartAt: 'Work',
          States: {
            Work: { Type: 'Task', Resource: 'task', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: 'Fan' },
            Fan: {
              Type: 'Parallel',
              Branches: [
                { StartAt: 'Send', States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${queues.jobs.url}', 'MessageBody.$': '$', ...(o.fifo ? { MessageGroupId: 'g' } : {}) }, End: true } } },
                { StartAt: 'Put', States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '${tables.items.name}', Item: { id: { 'S.$': '$.id' }, at: { N: '1' } } }, End: true } } },
                { StartAt: 'Publish', States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: '${topics.news.arn}', 'Message.$': '$' }, End: true } } },
                { StartAt: 'Emit', States: { Emit: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ EventBusName: '${buses.events.name}', Source: 'perm', DetailType: 'Done', 'Detail.$': '$' }] }, End: true } } },
                { StartAt: 'Each', States: { Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'One', States: { One: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${functions.api.arn}', 'Payload.$': '$' }, End: true } } }, End: true } } },
              ],
              Next: 'Wait',
            },
            Wait: { Type: 'Wait', Seconds: 1, Next: 'Choose' },
            Choose: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Failed' },
            Done: { Type: 'Succeed' },
            Failed: { Type: 'Fail', Error: 'Failed', Cause: 'it failed' },
          },
        },
      },
      ...(o.express ? {} : { child: { definition: { StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '${workflows.flow.arn}', 'Input.$': '$' }, End: true } } } } }),
    },
    resources: { ExtraBucket: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } } },
    overrides: { JobsQueue: { Properties: { MessageRetentionPeriod: 86400 } } },
    outputs: { ItemsTable: '${tables.items.name}', JobsArn: { value: '${queues.jobs.arn}', description: 'jobs queue', export: true } },
  };
}

const samples = fc.sample(options, { numRuns: 8, seed: 20261127 });
const files: string[] = [];

beforeAll(async () => {
  for (const [i, o] of samples.entries()) {
    const dir = tempDir(`eda-perm-${i}-`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'app.yaml'), stringify(manifestFor(o)));
    const { template } = await compile({ cwd: dir }).catch((e: unknown) => {
      throw e instanceof InvalidAppError ? new Error(`${JSON.stringify(o)}\n${formatDiagnostics(e.diagnostics)}`) : e;
    });
    const file = path.join(dir, 'template.yaml');
    writeFileSync(file, serializeTemplate(template));
    files.push(file);
  }
}, 60_000);

describe('generated permutations', () => {
  it('are all clean under cfn-lint', async () => {
    const lint = await cfnLint(files);
    expect(lint.output).toBe('');
  }, 300_000);

  it("are all accepted by AWS's SAM translator", async () => {
    for (const r of await samTranslate(files)) expect(r.errors ?? [], `${r.file}: ${JSON.stringify(samples[files.indexOf(r.file)])}`).toEqual([]);
  }, 300_000);
});
