// Each pipe: its role — exactly reading its source, invoking its enrichment, delivering to its
// target (and the topics key when the target is an encrypted topic), sending to its dead-letter
// queue — and the AWS::Pipes::Pipe with its filter, batching and input templates.
import { logicalId } from '../../core/names.js';
import type { App, PipeModel } from '../../model/types.js';
import { busArn } from '../bus/attributes.js';
import { allow, policyDocument } from '../iam.js';
import { getAtt, ref, type Statement, type TemplateBuilder } from '../template.js';
import { topicKeyGrant } from '../topic/grants.js';

export function synthPipes(app: App, t: TemplateBuilder): void {
  for (const pipe of app.pipes) synthPipe(app, pipe, t);
}

function synthPipe(app: App, pipe: PipeModel, t: TemplateBuilder): void {
  const roleId = `${pipe.logicalId}Role`;
  const statements: Statement[] = [];
  const source = sourceParts(app, pipe, statements);
  const enrichment = enrichmentParts(pipe, statements);
  const target = targetParts(app, pipe, statements);
  t.add(
    roleId,
    {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `Runs pipe ${pipe.name}: reads its source, calls its enrichment and target, nothing else`,
        // only pipes of this account may assume it (the pipe's own ARN would make a cycle)
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'pipes.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } } }],
        },
        Policies: [{ PolicyName: 'least-privilege', PolicyDocument: policyDocument(statements) }],
      },
    },
    pipe.path,
  );
  t.add(
    pipe.logicalId,
    {
      Type: 'AWS::Pipes::Pipe',
      Properties: {
        Description: pipe.description ?? `Pipe ${pipe.name} of ${app.name}`,
        DesiredState: pipe.enabled ? 'RUNNING' : 'STOPPED',
        RoleArn: getAtt(roleId, 'Arn'),
        Source: source.arn,
        SourceParameters: {
          FilterCriteria: pipe.filter ? { Filters: [{ Pattern: JSON.stringify(pipe.filter) }] } : undefined,
          ...source.parameters,
        },
        ...enrichment,
        Target: target.arn,
        TargetParameters: present({ InputTemplate: pipe.target.input, ...target.parameters }),
      },
    },
    pipe.path,
  );
}

/** The object, or undefined when it has no value at all (so the property is left out). */
function present(o: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.values(o).some((v) => v !== undefined) ? o : undefined;
}

function sourceParts(app: App, pipe: PipeModel, statements: Statement[]): { arn: unknown; parameters: Record<string, unknown> } {
  const s = pipe.source;
  if (s.kind === 'queue') {
    const arn = getAtt(logicalId('queue', s.name), 'Arn');
    statements.push(allow(['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], arn));
    return { arn, parameters: { SqsQueueParameters: { BatchSize: s.batchSize, MaximumBatchingWindowInSeconds: s.batchWindow } } };
  }
  const arn = getAtt(logicalId('table', s.name), 'StreamArn');
  statements.push(allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], arn));
  const dlqId = app.queues.find((q) => q.name === pipe.dlq)?.logicalId;
  if (dlqId) statements.push(allow('sqs:SendMessage', getAtt(dlqId, 'Arn')));
  return {
    arn,
    parameters: {
      DynamoDBStreamParameters: {
        StartingPosition: s.startingPosition,
        BatchSize: s.batchSize,
        MaximumBatchingWindowInSeconds: s.batchWindow,
        MaximumRetryAttempts: s.maxRetries,
        OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        DeadLetterConfig: dlqId ? { Arn: getAtt(dlqId, 'Arn') } : undefined,
      },
    },
  };
}

function enrichmentParts(pipe: PipeModel, statements: Statement[]): Record<string, unknown> {
  const e = pipe.enrichment;
  if (!e) return {};
  let arn: unknown;
  if (e.kind === 'function') {
    arn = getAtt(logicalId('function', e.name), 'Arn');
    statements.push(allow('lambda:InvokeFunction', arn));
  } else {
    arn = ref(logicalId('workflow', e.name));
    statements.push(allow('states:StartSyncExecution', arn));
  }
  return { Enrichment: arn, EnrichmentParameters: e.input ? { InputTemplate: e.input } : undefined };
}

function targetParts(app: App, pipe: PipeModel, statements: Statement[]): { arn: unknown; parameters: Record<string, unknown> } {
  const { kind, name, invocation } = pipe.target;
  switch (kind) {
    case 'function': {
      const arn = getAtt(logicalId('function', name), 'Arn');
      statements.push(allow('lambda:InvokeFunction', arn));
      return { arn, parameters: { LambdaFunctionParameters: { InvocationType: invocation } } };
    }
    case 'workflow': {
      const arn = ref(logicalId('workflow', name));
      statements.push(allow(invocation === 'REQUEST_RESPONSE' ? 'states:StartSyncExecution' : 'states:StartExecution', arn));
      return { arn, parameters: { StepFunctionStateMachineParameters: { InvocationType: invocation } } };
    }
    case 'queue': {
      const q = app.queues.find((x) => x.name === name)!;
      const arn = getAtt(q.logicalId, 'Arn');
      statements.push(allow('sqs:SendMessage', arn));
      return { arn, parameters: q.fifo ? { SqsQueueParameters: { MessageGroupId: pipe.name } } : {} };
    }
    case 'topic': {
      const arn = ref(logicalId('topic', name));
      statements.push(allow('sns:Publish', arn), topicKeyGrant());
      return { arn, parameters: {} };
    }
    case 'bus': {
      const arn = busArn(name);
      statements.push(allow('events:PutEvents', arn));
      return { arn, parameters: { EventBridgeEventBusParameters: { Source: pipe.target.eventSource, DetailType: pipe.target.detailType } } };
    }
  }
}
