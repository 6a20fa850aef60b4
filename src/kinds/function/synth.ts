// Each function: its log group, its least-privilege role (logs, tracing, every `uses`, every
// trigger's reads, its failure queue), and the AWS::Serverless::Function with its events.
import { logicalId, pascal } from '../../core/names.js';
import type { App, FunctionModel } from '../../model/types.js';
import { apiId } from '../api/attributes.js';
import { routeEventAuth, routeThrottle } from '../api/auth-synth.js';
import { allow, assumeRole, policyDocument, useStatements } from '../iam.js';
import { getAtt, ref, sub, type Statement, type TemplateBuilder } from '../template.js';
import { policyStatements } from '../policies/index.js';
import { resolveValue } from '../values.js';
import { destinationConfig, destinationStatements, eventInvokeConfig } from './destinations.js';
import { functionUrlConfig, functionUrlValue } from './url.js';
import { lambdaHandler, languageOf } from './handler.js';

export function synthFunctions(app: App, t: TemplateBuilder): void {
  const d = app.functionDefaults;
  t.globals = {
    Function: {
      Runtime: d.runtime,
      // SAM appends a function's list to Globals' list: with one function on another architecture,
      // Globals carries none and every function names its own (else it would get both)
      Architectures: sharedArchitecture(app) ? [d.architecture] : undefined,
      MemorySize: d.memory,
      Timeout: d.timeout,
      Tracing: d.tracing ? 'Active' : 'PassThrough',
      // Node.js only: an app with Python functions sets it on each Node.js function instead.
      Environment: allNode(app) ? { Variables: NODE_ENVIRONMENT } : undefined,
    },
  };
  for (const fn of app.functions) synthFunction(app, fn, t);
}

const NODE_ENVIRONMENT = { NODE_OPTIONS: '--enable-source-maps' };

/** Whether every function is Node.js (or there are none): Globals then carries the Node.js environment. */
const allNode = (app: App) => app.functions.every((f) => languageOf(f.runtime) === 'nodejs');

/** Whether every function runs on the default architecture (Globals can then set it). */
const sharedArchitecture = (app: App) => app.functions.every((f) => f.architecture === app.functionDefaults.architecture);

function synthFunction(app: App, fn: FunctionModel, t: TemplateBuilder): void {
  const d = app.functionDefaults;
  const roleId = `${fn.logicalId}Role`;
  const statements: Statement[] = [allow(['logs:CreateLogStream', 'logs:PutLogEvents'], getAtt(fn.logGroupLogicalId, 'Arn'))];
  if (fn.tracing) statements.push(allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*'));
  for (const use of fn.uses) statements.push(...useStatements(app, use));
  const events = triggerEvents(app, fn, statements);
  if (fn.onFailure) statements.push(...destinationStatements(app, fn.onFailure));
  if (fn.onSuccess) statements.push(...destinationStatements(app, fn.onSuccess));
  statements.push(...policyStatements(app, fn.policies));

  t.add(
    fn.logGroupLogicalId,
    {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: { RetentionInDays: fn.logRetentionDays },
    },
    fn.path,
  );
  t.add(
    roleId,
    {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `Runs function ${fn.name}: exactly the access app.yaml grants it`,
        AssumeRolePolicyDocument: assumeRole('lambda.amazonaws.com'),
        Policies: [{ PolicyName: 'least-privilege', PolicyDocument: policyDocument(statements) }],
      },
    },
    fn.path,
  );
  const variables: Record<string, unknown> = {};
  const python = languageOf(fn.runtime) === 'python';
  if (!python && !allNode(app)) Object.assign(variables, NODE_ENVIRONMENT);
  for (const e of fn.environment) variables[e.name] = resolveValue(app, e.value);
  t.add(
    fn.logicalId,
    {
      Type: 'AWS::Serverless::Function',
      Metadata: python ? undefined : esbuildMetadata(fn),
      Properties: {
        CodeUri: python ? fn.codeRoot : '.',
        FunctionName: fn.physicalName === undefined ? undefined : resolveValue(app, fn.physicalName),
        Handler: lambdaHandler(fn.handlerFile, fn.handlerExport, fn.runtime, fn.codeRoot),
        Description: fn.description,
        Role: getAtt(roleId, 'Arn'),
        Runtime: fn.runtime !== d.runtime ? fn.runtime : undefined,
        Architectures: !sharedArchitecture(app) ? [fn.architecture] : undefined,
        MemorySize: fn.memory !== d.memory ? fn.memory : undefined,
        Timeout: fn.timeout !== d.timeout ? fn.timeout : undefined,
        Tracing: fn.tracing !== d.tracing ? (fn.tracing ? 'Active' : 'PassThrough') : undefined,
        LoggingConfig: { LogGroup: ref(fn.logGroupLogicalId) },
        Environment: Object.keys(variables).length ? { Variables: variables } : undefined,
        ReservedConcurrentExecutions: fn.reservedConcurrency,
        EventInvokeConfig: eventInvokeConfig(app, fn),
        Events: Object.keys(events).length ? events : undefined,
        FunctionUrlConfig: functionUrlConfig(fn),
      },
    },
    fn.path,
  );
  if (fn.url) t.output(`${fn.logicalId}Url`, functionUrlValue(fn.logicalId), `URL of function ${fn.name} (${fn.url.auth === 'iam' ? 'IAM auth: requests signed with SigV4' : 'public: no auth'})`);
}

/** The SAM events of a function's triggers; the statements reading a queue or stream go to its role. */
function triggerEvents(app: App, fn: FunctionModel, statements: Statement[]): Record<string, unknown> {
  const events: Record<string, unknown> = {};
  const eventName = (base: string) => {
    let name = base.slice(0, 60) || 'Event';
    for (let i = 2; name in events; i++) name = `${base.slice(0, 58)}${i}`;
    return name;
  };
  for (const trigger of fn.triggers) {
    switch (trigger.type) {
      case 'http': {
        const api = app.apis.find((a) => a.name === trigger.api)!;
        const route = api.routes.find((r) => r.source === trigger.source);
        const Auth = routeEventAuth(api, route);
        const name = eventName(`Http${pascal(trigger.method.toLowerCase())}${pascal(trigger.path.replace(/[{}+]/g, '')) || 'Root'}`);
        events[name] =
          api.type === 'rest'
            ? { Type: 'Api', Properties: { RestApiId: ref(apiId(app, api.name)), Method: trigger.method.toLowerCase(), Path: trigger.path, Auth } }
            : { Type: 'HttpApi', Properties: { ApiId: ref(apiId(app, api.name)), Method: trigger.method, Path: trigger.path, Auth, RouteSettings: routeThrottle(api, route) } };
        break;
      }
      case 'queue': {
        const queueId = logicalId('queue', trigger.queue);
        statements.push(allow(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], getAtt(queueId, 'Arn')));
        events[eventName(`Queue${pascal(trigger.queue)}`)] = {
          Type: 'SQS',
          Properties: {
            Queue: getAtt(queueId, 'Arn'),
            BatchSize: trigger.batchSize,
            MaximumBatchingWindowInSeconds: trigger.batchWindow,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            ScalingConfig: trigger.maxConcurrency ? { MaximumConcurrency: trigger.maxConcurrency } : undefined,
            FilterCriteria: filterCriteria(trigger.filters),
          },
        };
        break;
      }
      case 'topic':
        events[eventName(`Topic${pascal(trigger.topic)}`)] = {
          Type: 'SNS',
          Properties: { Topic: ref(logicalId('topic', trigger.topic)), FilterPolicy: trigger.filter, FilterPolicyScope: trigger.filter && trigger.filterScope === 'body' ? 'MessageBody' : undefined },
        };
        break;
      case 'stream': {
        const tableId = logicalId('table', trigger.table);
        statements.push(allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], getAtt(tableId, 'StreamArn')));
        statements.push(allow('dynamodb:ListStreams', sub(`\${${tableId}.Arn}/stream/*`)));
        events[eventName(`Stream${pascal(trigger.table)}`)] = {
          Type: 'DynamoDB',
          Properties: {
            Stream: getAtt(tableId, 'StreamArn'),
            StartingPosition: trigger.startingPosition,
            BatchSize: trigger.batchSize,
            MaximumBatchingWindowInSeconds: trigger.batchWindow,
            MaximumRetryAttempts: trigger.maxRetries,
            BisectBatchOnFunctionError: true,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            DestinationConfig: fn.onFailure ? { OnFailure: destinationConfig(app, fn.onFailure) } : undefined,
            FilterCriteria: filterCriteria(trigger.filters),
          },
        };
        break;
      }
      // event and schedule triggers are rules (see rules.ts).
    }
  }
  return events;
}

/** Lambda's FilterCriteria: each filter as the JSON text of its pattern. */
function filterCriteria(filters: Record<string, unknown>[] | undefined): unknown {
  return filters?.length ? { Filters: filters.map((f) => ({ Pattern: JSON.stringify(f) })) } : undefined;
}

/** How `sam build` and `eda deploy` bundle a Node.js function: esbuild, one ESM file. */
function esbuildMetadata(fn: FunctionModel): Record<string, unknown> {
  return {
    BuildMethod: 'esbuild',
    BuildProperties: {
      EntryPoints: [fn.handlerFile],
      Format: 'esm',
      OutExtension: ['.js=.mjs'],
      Target: fn.runtime.replace(/^nodejs(\d+)\.x$/, 'node$1'),
      Sourcemap: true,
      Minify: true,
      External: ['@aws-sdk/*'],
    },
  };
}
