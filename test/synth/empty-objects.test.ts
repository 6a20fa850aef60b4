// Empty objects the user wrote stay in the template: in workflow definitions, raw resources
// and overrides. (Only the properties eda itself leaves unset disappear.)
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compile } from '../../src/pipeline/index.js';
import { serializeTemplate } from '../../src/synth/index.js';

const app = {
  name: 'empties',
  queues: { jobs: {} },
  topics: { news: {} },
  workflows: {
    flow: {
      definition: {
        StartAt: 'Init',
        States: {
          Init: { Type: 'Pass', Result: {}, ResultPath: '$.state', Next: 'Send' },
          Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${queues.jobs.url}', MessageBody: { a: {}, list: [] } }, Next: 'Emit' },
          Emit: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 's', DetailType: 'd', Detail: {} }] }, Next: 'Describe' },
          Describe: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:listQueues', Parameters: {}, End: true },
        },
      },
    },
  },
  resources: { Notes: { Type: 'AWS::SQS::Queue', Metadata: { Owner: {} }, Properties: {} } },
  overrides: { NewsTopic: { Metadata: { Reviewed: {} } } },
};

describe('empty objects the user wrote', async () => {
  const { template } = await compile({ cwd: '/nonexistent', text: stringify(app) });
  const written = parse(serializeTemplate(template));
  const states = written.Resources.FlowStateMachine.Properties.Definition.States;

  it('stay in workflow definitions', () => {
    expect(states.Init.Result).toEqual({});
    expect(states.Send.Parameters.MessageBody).toEqual({ a: {}, list: [] });
    expect(states.Emit.Parameters.Entries[0].Detail).toEqual({});
    expect(states.Describe.Parameters).toEqual({});
  });

  it('stay in raw resources and overrides', () => {
    expect(written.Resources.Notes).toEqual({ Type: 'AWS::SQS::Queue', Metadata: { Owner: {} }, Properties: {} });
    expect(written.Resources.NewsTopic.Metadata).toEqual({ Reviewed: {} });
  });

  it('and nothing else in the template is empty', () => {
    const empties = serializeTemplate(template).split('\n').filter((l) => /: (\{\}|\[\])$/.test(l)).map((l) => l.trim());
    expect(empties.sort()).toEqual(['Detail: {}', 'Owner: {}', 'Parameters: {}', 'Properties: {}', 'Result: {}', 'Reviewed: {}', 'a: {}', 'list: []']);
  });
});
