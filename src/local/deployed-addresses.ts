// The names, ARNs and URLs of a deployed stage, for sample events sent to the deployed app
// (`eda invoke --remote --sample`): the physical IDs CloudFormation gave each resource, in the
// stack's region and account. What the stack does not hold falls back to the local naming.
import type { App } from '../model/types.js';
import { Addresses } from './addresses.js';

export interface DeployedStack {
  region: string;
  account: string;
  /** Logical ID → physical ID (what Ref returns: a table's name, a queue's URL, a topic's ARN...). */
  physical: Map<string, string>;
}

export class DeployedAddresses extends Addresses {
  override readonly region: string;
  override readonly account: string;

  constructor(app: App, stack: DeployedStack) {
    super(app, { services: `https://sqs.${stack.region}.amazonaws.com`, apis: {} });
    this.region = stack.region;
    this.account = stack.account;
    const id = (list: { name: string; logicalId: string }[], name: string) => {
      const logicalId = list.find((x) => x.name === name)?.logicalId;
      return logicalId ? stack.physical.get(logicalId) : undefined;
    };
    const last = (value: string, separator: RegExp) => value.split(separator).pop() ?? value;
    const base = { table: this.tableName, queue: this.queueName, queueUrl: this.queueUrl, topic: this.topicName, bus: this.busName, fn: this.functionName, bucket: this.bucketName };
    this.tableName = (name) => id(app.tables, name) ?? base.table(name);
    // a queue's physical ID is its URL; a DLQ ("orders:dlq") is its queue's dlq entry
    const queueUrl = (name: string) => id(app.queues, name) ?? id(app.queues.flatMap((q) => (q.dlq ? [q.dlq] : [])), name);
    this.queueUrl = (name) => queueUrl(name) ?? base.queueUrl(name);
    this.queueName = (name) => {
      const url = queueUrl(name);
      return url ? last(url, /\//) : base.queue(name);
    };
    this.topicName = (name) => {
      const arn = id(app.topics, name);
      return arn ? last(arn, /:/) : base.topic(name);
    };
    this.busName = (name) => (name === 'default' ? 'default' : (id(app.buses, name) ?? base.bus(name)));
    this.functionName = (name) => id(app.functions, name) ?? base.fn(name);
    this.bucketName = (name) => id(app.buckets, name) ?? base.bucket(name);
    const ruleArn = this.ruleArn;
    this.ruleArn = (rule, bus) => {
      // a rule on a custom bus has the physical ID "<bus>|<rule>"
      const physical = id(app.rules, rule);
      if (!physical) return ruleArn(rule, bus);
      const [busName, ruleName] = physical.includes('|') ? physical.split('|') : ['default', physical];
      return `arn:aws:events:${this.region}:${this.account}:rule/${busName === 'default' ? '' : `${busName}/`}${ruleName}`;
    };
    const workflowArn = this.workflowArn;
    this.workflowArn = (name) => id(app.workflows, name) ?? workflowArn(name);
  }
}

/** The region and account in a stack ID (arn:aws:cloudformation:<region>:<account>:stack/...). */
export function stackWhere(stackId: string | undefined, fallbackRegion: string): { region: string; account: string } {
  const parts = (stackId ?? '').split(':');
  return { region: parts[3] || fallbackRegion, account: parts[4] || '000000000000' };
}
