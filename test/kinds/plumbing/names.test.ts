// name: on functions, queues, topics, tables and buses — AWS's naming rules at their position,
// the warning a fixed name deserves, and the physical name in the template.
import { describe, expect, it } from 'vitest';
import { diagnostics, hints, template } from './helpers.js';

describe('physical names: validation', () => {
  it("reports names AWS would refuse, and expressions a name cannot hold, where they are written", () => {
    const yaml = [
      'name: shop',
      'functions:',
      '  a: { name: "${AWS::StackName}-a!" }',
      'queues:',
      '  q: { name: orders, fifo: true }',
      '  r: { name: "${tables.t.name}" }',
      '  s: { name: "x.fifo" }',
      '  long: { name: "${AWS::StackName}-' + 'x'.repeat(75) + '" }',
      'topics:',
      '  t: { name: "x.fifo" }',
      'tables:',
      '  t: { partitionKey: id, name: ab }',
      'buses:',
      '  b: { name: default }',
      '',
    ].join('\n');
    expect(diagnostics(yaml).filter((d) => d.includes(' error '))).toEqual([
      "3:14 error '${AWS::StackName}-a!' is not a valid function name: only letters, digits, - and _",
      "5:14 error 'orders' is not a valid queue name: a FIFO queue's name ends in .fifo",
      '6:15 error a physical name cannot hold ${tables.t.name}',
      "7:14 error 'x.fifo' is not a valid queue name: only a FIFO queue's name ends in .fifo (add fifo: true)",
      expect.stringMatching(/^8:17 error '\$\{AWS::StackName\}-x{75}' is not a valid queue name: 84 characters, at most 80$/),
      "10:14 error 'x.fifo' is not a valid topic name: only a FIFO topic's name ends in .fifo (add fifo: true)",
      "12:32 error 'ab' is not a valid table name: at least 3 characters",
      "14:14 error 'default' is not a valid bus name: 'default' and names beginning with 'aws.' are AWS's",
    ]);
  });

  it('warns that a named resource cannot be replaced and must be unique, and reports two entries with one name', () => {
    const yaml = 'name: shop\nqueues:\n  a: { name: jobs }\n  b: { name: jobs }\n  c: { name: "${AWS::StackName}-c" }\n';
    expect(diagnostics(yaml)).toEqual([
      "3:8 warning queue 'a' has a fixed name: CloudFormation cannot replace it (an update that needs a new queue fails), and the name must be unique in the account and region",
      "4:8 warning queue 'b' has a fixed name: CloudFormation cannot replace it (an update that needs a new queue fails), and the name must be unique in the account and region",
      "4:14 error queue 'b' has the same name as queue 'a' (jobs)",
      "5:8 warning queue 'c' has a fixed name: CloudFormation cannot replace it (an update that needs a new queue fails), and the name must be unique in the account and region",
    ]);
    expect(hints(yaml)[0]).toBe('include ${AWS::StackName} so stages and copies of the app do not collide, or remove name:');
    expect(hints(yaml)[3]).toBe('remove name: to let CloudFormation choose one');
  });
});

describe('physical names: synth', () => {
  it('sets the name property of each kind, with ${AWS::StackName} and parameters substituted by CloudFormation', async () => {
    const t = await template(
      [
        'name: shop',
        'parameters: { Team: { default: blue } }',
        'functions:',
        '  a: { name: "${AWS::StackName}-a" }',
        'queues:',
        '  q: { name: "${parameters.Team}-jobs.fifo", fifo: true }',
        'topics:',
        '  t: { name: news }',
        'tables:',
        '  orders: { partitionKey: id, name: "${AWS::StackName}-orders" }',
        'buses:',
        '  b: { name: central }',
        '  c: {}',
        '',
      ].join('\n'),
    );
    expect(t.Resources.AFunction!.Properties.FunctionName).toEqual({ 'Fn::Sub': '${AWS::StackName}-a' });
    expect(t.Resources.QQueue!.Properties.QueueName).toEqual({ 'Fn::Sub': '${Team}-jobs.fifo' });
    expect(t.Resources.TTopic!.Properties.TopicName).toBe('news');
    expect(t.Resources.OrdersTable!.Properties.TableName).toEqual({ 'Fn::Sub': '${AWS::StackName}-orders' });
    expect(t.Resources.BBus!.Properties.Name).toBe('central');
    expect(t.Resources.CBus!.Properties.Name).toEqual({ 'Fn::Sub': '${AWS::StackName}-c' });
  });
});
