// Input transformers in eda dev render as the AWS documentation's examples show ("Amazon
// EventBridge input transformation"): the EC2 example event, its input paths and templates.
import { describe, expect, it } from 'vitest';
import { transformInput } from '../../src/local/bus.js';
import type { EventBridgeEvent } from '../../src/local/payloads.js';
import { addresses, makeApp, makeRule } from './helpers.js';

const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
} as EventBridgeEvent;
const paths = { instance: '$.detail.instance-id', state: '$.detail.state' };
const rule = makeRule('example');
const app = makeApp({ rules: [rule] });
const render = (template: string, p: Record<string, string> = paths) => transformInput({ paths: p, template }, event, rule, addresses(app), Date.parse('2015-11-11T21:29:55Z'));

describe('input transformer rendering (the AWS documentation examples)', () => {
  it('a string template: placeholders inside its quotes are filled in as text', () => {
    expect(render('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it('JSON with variables outside quotes: string values are inserted as JSON strings', () => {
    expect(JSON.parse(render('{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}'))).toEqual({ instance: 'i-0123456789', state: [9, 'RUNNING', true], Transformed: 'Yes' });
  });

  it('JSON with variables inside strings, and the API reference example mixing both', () => {
    expect(render('{"instance" : "<instance> is in <state>"}')).toBe('{"instance" : "i-0123456789 is in RUNNING"}');
    expect(render('{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<state>\\""}')).toBe('{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \\"RUNNING\\""}');
  });

  it("EventBridge's own placeholders: the rule, the ingestion time and the event", () => {
    const out = JSON.parse(render('{"instance": <instance>, "ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "original": <aws.events.event.json>, "at": "<aws.events.event.ingestion-time>", "meta": <aws.events.event>}'));
    expect(out.instance).toBe('i-0123456789');
    expect(out.ruleArn).toBe(addresses(app).ruleArn('example', 'default'));
    expect(out.ruleName).toBe(out.ruleArn.split('/').pop());
    expect(out.original).toEqual(event);
    expect(out.at).toBe('2015-11-11T21:29:55.000Z');
    expect(out.meta.detail).toBeUndefined();
    expect(out.meta.source).toBe('aws.ec2');
    expect(render('"<aws.events.rule-name> triggered"')).toBe(`"${out.ruleName} triggered"`);
  });

  it('a plain-text template: string values outside quotes keep their quotes', () => {
    expect(render('instance <instance> is in <state>')).toBe('instance "i-0123456789" is in "RUNNING"');
  });
});
