import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { plainPainter } from '../../../src/cli/kit/output.js';
import { needsYes } from '../../../src/cli/kit/prompts.js';
import { causesSection, changeSetTable, formatDuration, iamSection, outputsTable } from '../../../src/cli/kit/tables.js';
import { changeRows } from '../../../src/deploy/engine.js';

describe('what a deploy shows', () => {
  it('renders a change set as a table: action, logical ID, type, replacement', () => {
    const rows = changeRows([
      { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'ReportsTable', ResourceType: 'AWS::DynamoDB::Table' } },
      { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue', Replacement: 'False' } },
      { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'OrdersTable', ResourceType: 'AWS::DynamoDB::Table', Replacement: 'True' } },
      { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'Fn', ResourceType: 'AWS::Lambda::Function', Replacement: 'Conditional' } },
      { Type: 'Resource', ResourceChange: { Action: 'Remove', LogicalResourceId: 'OldQueue', ResourceType: 'AWS::SQS::Queue', Replacement: 'True' } },
    ]);
    expect(changeSetTable(rows, plainPainter)).toBe(
      [
        'Action    Logical ID    Type                   Replacement',
        '+ Add     ReportsTable  AWS::DynamoDB::Table',
        '~ Modify  JobsQueue     AWS::SQS::Queue        No',
        '~ Modify  OrdersTable   AWS::DynamoDB::Table   Yes',
        '~ Modify  Fn            AWS::Lambda::Function  Maybe',
        '- Remove  OldQueue      AWS::SQS::Queue',
      ].join('\n'),
    );
  });

  it('renders IAM changes separately, saying whether they widen permissions', () => {
    const row = { resource: 'FnRole', kind: 'policy' as const, effect: 'Allow', actions: 's3:GetObject', principal: '', target: '${Bucket.Arn}/*', condition: '' };
    expect(iamSection({ added: [row], removed: [], broadening: [row] }, plainPainter)).toEqual([
      'IAM: 1 change widens permissions (1 IAM change in all)',
      '     Resource  Effect  Action        Principal  Target           Condition\n  +  FnRole    Allow   s3:GetObject             ${Bucket.Arn}/*',
    ]);
    expect(iamSection({ added: [], removed: [row], broadening: [] }, plainPainter)[0]).toBe('IAM: 1 change, none widen permissions');
    expect(iamSection({ added: [], removed: [], broadening: [] }, plainPainter)).toEqual([]);
  });

  it('shows what a changed IAM statement gains and loses, not the whole statement twice', () => {
    const base = { resource: 'GetOrderFunctionRole', kind: 'policy' as const, effect: 'Allow', principal: '', target: '${OrdersTable.Arn}, ${OrdersTable.Arn}/index/*', condition: '' };
    const read = { ...base, actions: 'dynamodb:BatchGetItem, dynamodb:ConditionCheckItem, dynamodb:DescribeTable, dynamodb:GetItem, dynamodb:Query, dynamodb:Scan' };
    const write = { ...base, actions: 'dynamodb:BatchWriteItem, dynamodb:ConditionCheckItem, dynamodb:DeleteItem, dynamodb:DescribeTable, dynamodb:PutItem, dynamodb:UpdateItem' };
    // Gaining actions only: one row, one change.
    expect(iamSection({ added: [write], removed: [{ ...base, actions: 'dynamodb:ConditionCheckItem, dynamodb:DescribeTable' }], broadening: [write] }, plainPainter)[0]).toBe(
      'IAM: 1 change widens permissions (1 IAM change in all)',
    );
    // Losing actions only: nothing widens.
    expect(iamSection({ added: [read], removed: [{ ...read, actions: `${read.actions}, dynamodb:PutItem` }], broadening: [] }, plainPainter)).toEqual([
      'IAM: 1 change, none widen permissions',
      expect.stringMatching(/\n  -  GetOrderFunctionRole  Allow   dynamodb:PutItem /),
    ]);
    expect(iamSection({ added: [write], removed: [read], broadening: [write] }, plainPainter)).toEqual([
      'IAM: 1 change widens permissions (2 IAM changes in all)',
      [
        '     Resource              Effect  Action                                                                               Principal  Target                                          Condition',
        '  +  GetOrderFunctionRole  Allow   dynamodb:BatchWriteItem, dynamodb:DeleteItem, dynamodb:PutItem, dynamodb:UpdateItem             ${OrdersTable.Arn}, ${OrdersTable.Arn}/index/*',
        '  -  GetOrderFunctionRole  Allow   dynamodb:BatchGetItem, dynamodb:GetItem, dynamodb:Query, dynamodb:Scan                          ${OrdersTable.Arn}, ${OrdersTable.Arn}/index/*',
      ]
        .map((l) => l.trimEnd())
        .join('\n'),
    ]);
  });

  it('cuts a long list of actions or targets at a whole item and says how many more', () => {
    const actions = Array.from({ length: 12 }, (_, i) => `sqs:Action${String(i).padStart(2, '0')}`).join(', ');
    const row = { resource: 'Fn', kind: 'policy' as const, effect: 'Allow', actions, principal: '', target: '*', condition: '' };
    const text = iamSection({ added: [row], removed: [], broadening: [row] }, plainPainter)[1]!;
    expect(text).toContain('  Fn        Allow   sqs:Action00, sqs:Action01, sqs:Action02, sqs:Action03, sqs:Action04, sqs:Action05 +6 more  ');
  });

  it('renders outputs sorted by key, and the causes of a failure', () => {
    expect(outputsTable([{ OutputKey: 'TableName', OutputValue: 't-1' }, { OutputKey: 'ApiUrl', OutputValue: 'https://x' }], plainPainter)).toBe(
      'Output     Value\nApiUrl     https://x\nTableName  t-1',
    );
    expect(
      causesSection([{ StackName: 's', StackId: 's', EventId: '1', Timestamp: new Date(), LogicalResourceId: 'Fn', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'UPDATE_FAILED', ResourceStatusReason: 'Memory size 99999 is not valid' }], plainPainter),
    ).toEqual(['What failed:', '  ✖ Fn (AWS::Lambda::Function) UPDATE_FAILED', '    Memory size 99999 is not valid']);
  });

  it('refuses without a terminal with exit code 2', () => {
    const e = needsYes('deploy shop-dev');
    expect(e).toBeInstanceOf(UsageError);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('Refusing to deploy shop-dev without confirmation: there is no terminal to ask in.');
  });

  it('formats durations', () => {
    expect(formatDuration(412.4)).toBe('412 ms');
    expect(formatDuration(9_840)).toBe('9.8 s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});
