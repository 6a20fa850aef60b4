// What a `uses: - table: x` grants: the item actions its access allows, on the table and its indexes.
import { logicalId } from '../../core/names.js';
import type { Access, App, UseModel } from '../../model/types.js';
import { allow } from '../iam.js';
import { getAtt, sub, type Statement } from '../template.js';

const tableRead = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const tableWrite = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];

export function tableActions(access: Access): string[] {
  const set = new Set(access === 'read' ? tableRead : access === 'write' ? tableWrite : [...tableRead, ...tableWrite]);
  return [...set].sort();
}

export function tableResources(app: App, name: string): unknown[] {
  const id = logicalId('table', name);
  const table = app.tables.find((t) => t.name === name);
  return table && table.indexes.length ? [getAtt(id, 'Arn'), sub(`\${${id}.Arn}/index/*`)] : [getAtt(id, 'Arn')];
}

export function tableGrants(app: App, use: UseModel): Statement[] {
  const access = use.kind === 'table' ? use.access : 'readWrite';
  return [allow(tableActions(access), tableResources(app, use.name))];
}
