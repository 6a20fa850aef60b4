import { describe, expect, it } from 'vitest';
import { iamSection } from '../../../src/cli/kit/tables.js';
import { iamDiff } from '../../../src/deploy/iam.js';
import { compactCondition, compactValue, wrapItems } from '../../../src/cli/kit/iam-layout.js';
import { plainPainter, type Painter } from '../../../src/cli/kit/output.js';
import type { Template } from '../../../src/core/template.js';

const lambdaTrust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const ordersTable = [{ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, { 'Fn::Sub': '${OrdersTable.Arn}/index/*' }];

/** An order service's grants before and after a change: a role widened and narrowed, a queue policy and a permission added. */
function templates(): { before: Template; after: Template } {
  const role = (actions: string[], extra: object[] = []) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: lambdaTrust,
      Policies: [
        {
          PolicyName: 'orders',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: actions, Resource: ordersTable }, ...extra],
          },
        },
      ],
    },
  });
  const before: Template = {
    Resources: {
      CreateOrderFunctionRole: role(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DescribeTable'], [
        { Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' },
      ]),
    },
  };
  const after: Template = {
    Resources: {
      CreateOrderFunctionRole: role(['dynamodb:PutItem', 'dynamodb:DescribeTable', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'], [
        {
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: { 'Fn::GetAtt': ['OrdersBus', 'Arn'] },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['OrderPlacedRule', 'Arn'] } } },
        },
      ]),
      OrderPlacedRuleDlqPolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'OrderPlacedRuleDlq' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: { 'Fn::GetAtt': ['OrderPlacedRuleDlq', 'Arn'] },
                Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['OrderPlacedRule', 'Arn'] } } },
              },
            ],
          },
        },
      },
      CreateOrderFunctionUrlPermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'CreateOrderFunction' },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${PublicHttpApi}/*' },
        },
      },
    },
  };
  return { before, after };
}

const widest = (lines: string[]) => Math.max(...lines.join('\n').split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length));

describe('IAM changes in a terminal', () => {
  const { before, after } = templates();
  const diff = iamDiff(before, after);

  for (const columns of [80, 120]) {
    it(`fits ${columns} columns: a block per changed statement, with role, gained actions, resources and condition`, () => {
      const lines = iamSection(diff, plainPainter, columns);
      const text = lines.join('\n');
      expect(widest(lines)).toBeLessThanOrEqual(columns);
      // The headline counts as before: 5 widen (4 new grants, 1 Deny taken away) of 6.
      expect(lines[0]).toBe('IAM: 5 changes widen permissions (6 IAM changes in all)');
      // The role's statement gains actions (only those are listed) and loses one.
      expect(text).toMatch(/^ {2}\+ CreateOrderFunctionRole {2}\(policy\) {2}widens$/m);
      expect(text).toMatch(/actions: +dynamodb:BatchWriteItem, dynamodb:ConditionCheckItem,/);
      expect(text).toContain('dynamodb:UpdateItem');
      expect(text).not.toMatch(/\+ CreateOrderFunctionRole[^\n]*\n[^\n]*dynamodb:PutItem/);
      expect(text).toMatch(/^ {2}- CreateOrderFunctionRole {2}\(policy\)$\n {6}actions: +dynamodb:GetItem$/m);
      expect(text).toMatch(/resources: +OrdersTable\.Arn, \$\{OrdersTable\.Arn\}\/index\/\*$/m);
      // Conditions read as operator, key and value, intrinsics compactly.
      expect(text).toMatch(/^ {2}\+ CreateOrderFunctionRole {2}\(policy\) {2}widens\n {6}actions: +events:PutEvents\n {6}resources: +OrdersBus\.Arn\n {6}condition: +ArnEquals aws:SourceArn = OrderPlacedRule\.Arn$/m);
      expect(text).toMatch(/^ {2}\+ OrderPlacedRuleDlqPolicy {2}\(resource-policy\) {2}widens\n {6}actions: +sqs:SendMessage\n {6}principal: +Service:events\.amazonaws\.com\n {6}resources: +OrderPlacedRuleDlq\.Arn\n {6}condition: +ArnEquals aws:SourceArn = OrderPlacedRule\.Arn$/m);
      expect(text).toMatch(/^ {2}- CreateOrderFunctionRole {2}\(policy\) {2}Deny {2}widens\n {6}actions: +dynamodb:DeleteTable$/m);
      expect(text).toMatch(/^ {2}\+ CreateOrderFunctionUrlPermission {2}\(invoke\) {2}widens$/m);
      expect(text).toContain('resources:  CreateOrderFunction\n');
      expect(text).not.toContain('{"');
    });
  }

  it('keeps the table when it fits, with conditions rendered compactly', () => {
    const lines = iamSection(diff, plainPainter, 400);
    expect(lines[1]).toMatch(/^ {5}Resource +Effect +Action +Principal +Target +Condition$/m);
    expect(lines[1]).toContain('ArnEquals aws:SourceArn = OrderPlacedRule.Arn');
    expect(widest(lines)).toBeLessThanOrEqual(400);
  });

  it('takes the width from the painter when not given one, and measures it without colour codes', () => {
    const ansi: Painter = {
      green: (s) => `\x1b[32m${s}\x1b[39m`,
      red: (s) => `\x1b[31m${s}\x1b[39m`,
      yellow: (s) => `\x1b[33m${s}\x1b[39m`,
      cyan: (s) => `\x1b[36m${s}\x1b[39m`,
      dim: (s) => `\x1b[2m${s}\x1b[22m`,
      bold: (s) => `\x1b[1m${s}\x1b[22m`,
      columns: 80,
    };
    const coloured = iamSection(diff, ansi);
    expect(widest(coloured)).toBeLessThanOrEqual(80);
    expect(coloured.join('\n').replace(/\x1b\[[0-9;]*m/g, '')).toBe(iamSection(diff, plainPainter, 80).join('\n'));
    expect(iamSection(diff, plainPainter, 80).join('\n')).not.toContain('\x1b');
  });

  it('wraps a long list of actions and says how many more did not fit', () => {
    const actions = Array.from({ length: 40 }, (_, i) => `dynamodb:Action${String(i).padStart(2, '0')}`);
    const diff = iamDiff(undefined, { Resources: { R: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } } } } });
    const lines = iamSection(diff, plainPainter, 80);
    expect(widest(lines)).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l.includes('dynamodb:Action')).length).toBe(3);
    expect(lines.join('\n')).toMatch(/dynamodb:Action\d\d, … \(\+\d+ more\)$/m);
  });
});

describe('compact IAM text', () => {
  it('renders intrinsics compactly', () => {
    expect(compactValue({ 'Fn::GetAtt': ['X', 'Arn'] })).toBe('X.Arn');
    expect(compactValue({ Ref: 'X' })).toBe('X');
    expect(compactValue({ 'Fn::Sub': '${X.Arn}/index/*' })).toBe('${X.Arn}/index/*');
    expect(compactValue(['a', { Ref: 'B' }])).toBe('a, B');
  });

  it('renders conditions as operator, key and value', () => {
    expect(compactCondition('{"ArnEquals":{"aws:SourceArn":{"Fn::GetAtt":["OrderPlacedRule","Arn"]}}}')).toBe('ArnEquals aws:SourceArn = OrderPlacedRule.Arn');
    expect(compactCondition('{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"},"kms:ViaService":["sqs.x","sns.x"]}}')).toBe(
      'StringEquals aws:SourceAccount = AWS::AccountId; StringEquals kms:ViaService = sqs.x, sns.x',
    );
    expect(compactCondition('SourceArn=${Rule.Arn} SourceAccount=${AWS::AccountId}')).toBe('SourceArn=Rule.Arn SourceAccount=AWS::AccountId');
  });

  it('wraps items over lines no wider than asked', () => {
    expect(wrapItems(['aaaa', 'bbbb', 'cccc'], 10)).toEqual(['aaaa,', 'bbbb, cccc']);
    expect(wrapItems(['aaaa', 'bbbb', 'cccc'], 11)).toEqual(['aaaa, bbbb,', 'cccc']);
    const nine = Array.from({ length: 9 }, (_, i) => `a${i + 1}`);
    expect(wrapItems(nine, 16, 2)).toEqual(['a1, a2, a3, a4,', 'a5, … (+4 more)']);
    // An item wider than a line is broken, not cut; after maxLines lines, the rest is summed up.
    expect(wrapItems(['a-very-long-item-indeed'], 10)).toEqual(['a-very-lon', 'g-item-ind', 'eed']);
    expect(wrapItems(['a-very-long-item-indeed, really'], 10, 2)).toEqual(['a-very-lon', 'g-item-in…']);
    expect(wrapItems(['x', 'a-very-long-item-indeed', 'y', 'z'], 20, 2)).toEqual(['x,', 'a-very-lo… (+3 more)']);
  });
});
