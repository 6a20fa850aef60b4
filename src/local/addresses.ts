// Where each resource lives locally: physical names, ARNs and URLs in the same format AWS
// uses, and the resolution of the model's parsed ${kind.name.attr} expressions to those local values.
import type { App } from '../model/types.js';
import { Expr, sectionOfRef, type Deep, type Value } from '../model/values.js';
import { LOCAL_ACCOUNT } from './ids.js';
import type { LocalValues } from './values.js';

export interface Endpoints {
  /** Base URL of the loopback server that speaks the AWS APIs (http://127.0.0.1:port). */
  services: string;
  /** Base URL of each api by name. */
  apis: Record<string, string>;
  /** The function URL of each function with `url:`, by function name. */
  functionUrls?: Record<string, string>;
}

export class Addresses {
  readonly region: string;
  readonly account: string = LOCAL_ACCOUNT;
  readonly stackName: string;

  constructor(
    readonly app: App,
    readonly endpoints: Endpoints,
    /** Parameters, SSM parameters and secrets (eda dev checks they all resolve before it starts). */
    readonly values?: LocalValues,
  ) {
    this.region = app.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    this.stackName = `${app.name}-${app.stage}`;
  }

  private arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  // tables
  /** A `name:` from app.yaml, its ${AWS::...} and ${parameters.X} resolved locally. */
  private physical = (list: { name: string; physicalName?: Value }[], name: string): string | undefined => {
    const named = list.find((x) => x.name === name)?.physicalName;
    return named === undefined ? undefined : this.resolve(named);
  };

  tableName = (name: string): string => this.physical(this.app.tables, name) ?? `${this.stackName}-${name}`;
  tableArn = (name: string): string => this.arn('dynamodb', `table/${this.tableName(name)}`);
  streamArn = (name: string): string => `${this.tableArn(name)}/stream/2025-01-01T00:00:00.000`;

  // queues: declared ones, each one's DLQ ("orders:dlq") and the implicit failure queues
  // ("function:createOrder:dlq", "rule:order-placed:dlq"); physical names use hyphens.
  queueFifo = (name: string): boolean =>
    this.app.queues.find((q) => q.name === name)?.fifo ?? this.app.queues.find((q) => q.dlq?.name === name)?.fifo ?? false;
  queueName = (name: string): string => this.physical(this.app.queues, name) ?? `${this.stackName}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}${this.queueFifo(name) ? '.fifo' : ''}`;
  queueUrl = (name: string): string => `${this.endpoints.services}/${this.account}/${this.queueName(name)}`;
  queueArn = (name: string): string => this.arn('sqs', this.queueName(name));

  // topics
  topicName = (name: string): string => {
    const named = this.physical(this.app.topics, name);
    if (named) return named;
    const fifo = this.app.topics.find((t) => t.name === name)?.fifo;
    return `${this.stackName}-${name}${fifo ? '.fifo' : ''}`;
  };
  topicArn = (name: string): string => this.arn('sns', this.topicName(name));

  // buses and rules
  busName = (name: string): string => (name === 'default' ? 'default' : (this.physical(this.app.buses, name) ?? `${this.stackName}-${name}`));
  busArn = (name: string): string => this.arn('events', `event-bus/${this.busName(name)}`);
  ruleArn = (rule: string, bus: string): string =>
    this.arn('events', bus === 'default' ? `rule/${this.stackName}-${rule}` : `rule/${this.busName(bus)}/${this.stackName}-${rule}`);

  // workflows
  workflowName = (name: string): string => `${this.stackName}-${name}`;
  workflowArn = (name: string): string => this.arn('states', `stateMachine:${this.workflowName(name)}`);
  executionArn = (workflow: string, execution: string): string =>
    this.arn('states', `execution:${this.workflowName(workflow)}:${execution}`);

  // functions
  functionName = (name: string): string => this.physical(this.app.functions, name) ?? `${this.stackName}-${name}`;
  functionArn = (name: string): string => this.arn('lambda', `function:${this.functionName(name)}`);

  // buckets: S3 names are lower case and global; ARNs carry neither region nor account
  bucketName = (name: string): string => `${this.stackName}-${name}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 63);
  bucketArn = (name: string): string => `arn:aws:s3:::${this.bucketName(name)}`;
  bucketByName = (ref: string): string | undefined => this.app.buckets.find((b) => this.bucketName(b.name) === ref)?.name;

  apiUrl = (name: string): string => this.endpoints.apis[name] ?? `http://127.0.0.1/${name}`;
  /** A websocket api's management endpoint (the handlers' ApiGatewayManagementApiClient endpoint). */
  callbackUrl = (name: string): string => `${this.endpoints.services}/execute-api/${name}/${this.app.stage}`;
  functionUrl = (name: string): string => this.endpoints.functionUrls?.[name] ?? `http://127.0.0.1/${name}/`;

  /** The local value of one ${section.name.attr} reference. */
  attribute(section: string, name: string, attr: string): string {
    switch (`${section}.${attr}`) {
      case 'tables.name':
        return this.tableName(name);
      case 'tables.arn':
        return this.tableArn(name);
      case 'tables.streamArn':
        return this.streamArn(name);
      case 'queues.url':
        return this.queueUrl(name);
      case 'queues.arn':
        return this.queueArn(name);
      case 'queues.name':
        return this.queueName(name);
      case 'topics.arn':
        return this.topicArn(name);
      case 'topics.name':
        return this.topicName(name);
      case 'buses.name':
        return this.busName(name);
      case 'buses.arn':
        return this.busArn(name);
      case 'workflows.arn':
        return this.workflowArn(name);
      case 'workflows.name':
        return this.workflowName(name);
      case 'functions.arn':
        return this.functionArn(name);
      case 'functions.name':
        return this.functionName(name);
      case 'buckets.name':
        return this.bucketName(name);
      case 'buckets.arn':
        return this.bucketArn(name);
      case 'apis.url':
        return this.apiUrl(name);
      case 'apis.callbackUrl':
        return this.callbackUrl(name);
      case 'functions.url':
        return this.functionUrl(name);
      default:
        throw new Error(`no local value for \${${section}.${name}.${attr}}`);
    }
  }

  pseudo(name: string): string {
    switch (name) {
      case 'AWS::AccountId':
        return this.account;
      case 'AWS::Region':
        return this.region;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackId':
        return this.arn('cloudformation', `stack/${this.stackName}/00000000-0000-0000-0000-000000000000`);
      default:
        return '';
    }
  }

  /** A value with every expression replaced by its local value. */
  resolve(value: Value): string {
    if (!(value instanceof Expr)) return String(value);
    return value.parts
      .map((p) => {
        if ('text' in p) return p.text;
        if ('ref' in p) return this.attribute(sectionOfRef(p), p.name, p.attr);
        if ('pseudo' in p) return this.pseudo(p.pseudo);
        if ('parameter' in p) return this.values?.parameter(p.parameter) ?? '';
        if ('dynamic' in p) return this.values?.dynamic(p.dynamic, p.body) ?? '';
        return `\${resources.${p.resource}${p.attr ? `.${p.attr}` : ''}}`;
      })
      .join('');
  }

  /** Resolves expressions in every string of a JSON value (workflow definitions, patterns, inputs). */
  resolveDeep(value: Deep): unknown {
    if (value instanceof Expr) return this.resolve(value);
    if (Array.isArray(value)) return value.map((v) => this.resolveDeep(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolveDeep(v)]));
    }
    return value;
  }

  // Reverse lookups: the AWS APIs receive URLs, ARNs and names; these find the resource.

  queueByUrlOrName(ref: string): string | undefined {
    const last = ref.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
    return this.localQueueNames().find((q) => this.queueName(q) === last || q === last);
  }

  /** App queues plus each queue's DLQ. */
  localQueueNames(): string[] {
    const names: string[] = [];
    for (const q of this.app.queues) {
      names.push(q.name);
      if (q.dlq) names.push(q.dlq.name);
    }
    return names;
  }

  topicByArn(ref: string): string | undefined {
    const last = ref.split(':').pop() ?? '';
    return this.app.topics.find((t) => this.topicName(t.name) === last || t.name === last)?.name;
  }

  busByNameOrArn(ref: string | undefined): string | undefined {
    if (!ref || ref === 'default') return 'default';
    const last = ref.includes('event-bus/') ? ref.slice(ref.indexOf('event-bus/') + 'event-bus/'.length) : ref;
    if (last === 'default') return 'default';
    return this.app.buses.find((b) => this.busName(b.name) === last || b.name === last)?.name;
  }

  workflowByArn(ref: string): string | undefined {
    const last = ref.split(':').pop() ?? '';
    return this.app.workflows.find((w) => this.workflowName(w.name) === last || w.name === last)?.name;
  }

  functionByNameOrArn(ref: string): string | undefined {
    // arn:aws:lambda:r:a:function:name[:qualifier] or name or name:qualifier
    let name = ref;
    const m = /^arn:aws[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(ref);
    if (m) name = m[1]!;
    else if (name.includes(':')) name = name.split(':')[0]!;
    return this.app.functions.find((f) => this.functionName(f.name) === name || f.name === name)?.name;
  }

  tableByName(ref: string): string | undefined {
    const last = ref.startsWith('arn:') ? ref.split('/')[1] ?? '' : ref;
    return this.app.tables.find((t) => this.tableName(t.name) === last || t.name === last)?.name;
  }
}
