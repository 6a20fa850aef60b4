// Every function EventBridge invokes asynchronously gets the same failure handling, whether a
// `rules:` target or its own `schedule:`/`event:` trigger says so: an on-failure destination,
// the grant to send there, and the queue's depth alarm.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile } from '../../src/pipeline/index.js';

const app = {
  name: 'async',
  functions: { byRule: {}, bySchedule: { triggers: [{ schedule: 'rate(1 hour)' }] }, toQueue: { onFailure: { queue: 'failures' } }, silent: { onFailure: 'none' }, plain: {} },
  queues: { failures: {} },
  rules: {
    hourly: { schedule: 'rate(1 hour)', targets: [{ function: 'byRule' }, { function: 'toQueue' }, { function: 'silent' }] },
  },
};

describe('functions invoked by rules', async () => {
  const { template } = await compile({ cwd: '/nonexistent', text: stringify(app) });
  const r = template.Resources as Record<string, any>;
  const sends = (fn: string) => r[`${fn}FunctionRole`].Properties.Policies[0].PolicyDocument.Statement.filter((s: any) => s.Action === 'sqs:SendMessage');
  const onFailure = (dlq: string) => ({ MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Type: 'SQS', Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } } });

  it('get a failure queue of their own, as a schedule trigger does', () => {
    expect(r.ByScheduleFunction.Properties.EventInvokeConfig).toEqual(onFailure('ByScheduleFunctionDlq'));
    expect(r.ByRuleFunction.Properties.EventInvokeConfig).toEqual(onFailure('ByRuleFunctionDlq'));
    expect(r.ByRuleFunctionDlq.Type).toBe('AWS::SQS::Queue');
    expect(sends('ByRule')).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['ByRuleFunctionDlq', 'Arn'] } }]);
    expect(r.ByRuleFunctionDlqDepthAlarm.Properties.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': ['ByRuleFunctionDlq', 'QueueName'] });
  });

  it('send failures to the queue they name, and nowhere with onFailure: none', () => {
    expect(r.ToQueueFunction.Properties.EventInvokeConfig).toEqual(onFailure('FailuresQueue'));
    expect(r.SilentFunction.Properties.EventInvokeConfig).toBeUndefined();
    expect(r.SilentFunctionDlq).toBeUndefined();
  });

  it('leave functions nothing invokes asynchronously alone', () => {
    expect(r.PlainFunction.Properties.EventInvokeConfig).toBeUndefined();
    expect(r.PlainFunctionDlq).toBeUndefined();
  });
});
