// The registry: every kind once, in the order synth emits them (the template's resource order),
// and the kinds' expression attributes agree with the sections the expression parser knows.
import { describe, expect, it } from 'vitest';
import { attributeNames } from '../../src/kinds/check.js';
import { kinds } from '../../src/kinds/registry.js';
import type { AppManifest } from '../../src/manifest/app.types.js';
import { sections } from '../../src/manifest/expressions.js';
import { buildApp } from '../../src/kinds/build.js';
import { synthTemplate } from '../../src/synth/index.js';

describe('the kinds registry', () => {
  it('lists every kind once, in synth order', () => {
    expect(kinds.map((k) => k.name)).toEqual(['table', 'queue', 'topic', 'bus', 'function', 'api', 'route', 'connection', 'rule', 'schedule', 'subscription', 'workflow', 'websocket', 'pipe', 'bucket', 'scheduler', 'event']);
  });

  it('gives the expression parser and the kinds the same sections', () => {
    const fromKinds = kinds.filter((k) => k.attributes).map((k) => [k.attributes!.section, k.name]);
    expect(Object.fromEntries(fromKinds)).toEqual(sections);
    expect(attributeNames().queues).toEqual(['url', 'arn', 'name']);
  });

  it('runs the synth steps in registry order', () => {
    const m: AppManifest = {
      name: 'shop',
      monitoring: { alarms: false },
      functions: { worker: { triggers: [{ queue: 'jobs' }, { http: 'GET /jobs' }] } },
      tables: { orders: { partitionKey: 'id' } },
      queues: { jobs: { dlq: false } },
      topics: { news: {} },
      buses: { orders: {} },
      rules: { placed: { bus: 'orders', pattern: { source: ['shop'] }, targets: [{ queue: 'jobs' }] } },
      workflows: { flow: { definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } } } },
    } as AppManifest;
    const { template, problems } = synthTemplate(buildApp(m, 'dev'));
    expect(problems).toEqual([]);
    const types = Object.values(template.Resources).map((r) => r.Type);
    const first = (type: string) => types.indexOf(type);
    const order = ['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::Events::EventBus', 'AWS::Serverless::Function', 'AWS::Serverless::HttpApi', 'AWS::Events::Rule', 'AWS::Serverless::StateMachine', 'AWS::SQS::QueuePolicy'];
    const positions = order.map(first);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
