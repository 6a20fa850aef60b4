// The App model: app.yaml resolved into a graph — defaults applied, references resolved,
// logical IDs derived, environment and grants computed. Synth and the local runtime both
// read this; neither reads YAML. No I/O here.

import type { Kind } from '../core/names.js';

export type { Kind };

/** A position in app.yaml: the path of keys/indexes from the document root. */
export type SourcePath = (string | number)[];

import type { Deep, Value } from './values.js';

export type { Deep, Expr, Part, Value } from './values.js';

export interface Ref {
  kind: Kind;
  name: string;
}

export interface App {
  name: string;
  stage: string;
  description?: string;
  region?: string;
  retainData: boolean;
  /** Function settings after defaults and the stage's overrides (a function may override each). */
  functionDefaults: { runtime: string; memory: number; timeout: number; architecture: 'arm64' | 'x86_64'; tracing: boolean; logRetentionDays: number };
  functions: FunctionModel[];
  apis: ApiModel[];
  tables: TableModel[];
  queues: QueueModel[];
  topics: TopicModel[];
  buses: BusModel[];
  /** Declared rules plus the rules implied by functions' `event` and `schedule` triggers. */
  rules: RuleModel[];
  workflows: WorkflowModel[];
  /** EventBridge Pipes (`pipes:`). */
  pipes: PipeModel[];
  /** EventBridge connections for API destinations (`connections:`). */
  connections: ConnectionModel[];
  monitoring: { alarms: boolean; alertEmail?: string };
  resources: Record<string, unknown>;
  overrides: Record<string, Record<string, unknown>>;
  outputs: OutputModel[];
}

export interface FunctionModel {
  name: string;
  logicalId: string; // CreateOrderFunction
  path: SourcePath;
  /** Handler source path relative to the project folder, e.g. src/handlers/createOrder.ts */
  handlerFile: string;
  /** Exported handler name (always `handler`). */
  handlerExport: string;
  description?: string;
  runtime: string;
  architecture: 'arm64' | 'x86_64';
  memory: number;
  timeout: number;
  tracing: boolean;
  logRetentionDays: number;
  logGroupLogicalId: string; // CreateOrderLogGroup
  /** Environment as the function sees it: defaults.environment + env vars from `uses` + its own. */
  environment: EnvVar[];
  uses: UseModel[];
  triggers: TriggerModel[];
  /** Where failed async invocations and stream batches go, if anywhere. */
  onFailure?: { queue: string; own: boolean };
  reservedConcurrency?: number;
}

export interface EnvVar {
  name: string;
  /** A literal, or the parsed expression of a string like "${tables.orders.name}". */
  value: Value;
  /** Set when the variable comes from a `uses` entry. */
  from?: Ref | { kind: 'secret'; name: string };
}

export type Access = 'read' | 'write' | 'readWrite';

export type UseModel =
  | { kind: 'table'; name: string; access: Access; envVar: string }
  | { kind: 'queue'; name: string; envVar: string }
  | { kind: 'topic'; name: string; envVar: string }
  | { kind: 'bus'; name: string; envVar: string }
  | { kind: 'workflow'; name: string; envVar: string }
  | { kind: 'function'; name: string; envVar: string }
  | { kind: 'secret'; name: string; /** ARN or name, as written */ secretId: string; envVar: string };

export type TriggerModel =
  | { type: 'http'; api: string; method: string; path: string; source: SourcePath }
  | {
      type: 'queue';
      queue: string;
      batchSize: number;
      batchWindow?: number;
      maxConcurrency?: number;
      source: SourcePath;
    }
  | { type: 'topic'; topic: string; filter?: Record<string, unknown>; source: SourcePath }
  /** event and schedule triggers become rules (App.rules, implicit: true); this points at it. */
  | { type: 'event'; rule: string; source: SourcePath }
  | { type: 'schedule'; rule: string; source: SourcePath }
  | {
      type: 'stream';
      table: string;
      startingPosition: 'LATEST' | 'TRIM_HORIZON';
      batchSize: number;
      batchWindow?: number;
      maxRetries: number;
      source: SourcePath;
    };

export interface ApiModel {
  name: string;
  logicalId: string; // PublicHttpApi | PublicRestApi
  type: 'http' | 'rest';
  implicit: boolean;
  description?: string;
  cors?: { origins: string[]; methods: string[]; headers: string[]; allowCredentials: boolean; maxAge?: number };
  auth: { type: 'none' } | { type: 'iam' } | { type: 'jwt'; issuer: string; audience: string[]; scopes: string[] };
  /** The stage's default throttle for every route. */
  throttle: { rate: number; burst: number };
  /** JSON access logs to the API's own log group. */
  accessLogs: boolean;
  routes: RouteModel[];
  path: SourcePath;
}

export interface RouteModel {
  method: string;
  path: string;
  function: string;
  source: SourcePath;
}

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface TableModel {
  name: string;
  logicalId: string; // OrdersTable
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  billing: { mode: 'onDemand' } | { mode: 'provisioned'; read: number; write: number };
  stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  ttl?: string;
  indexes: { name: string; partitionKey: KeyAttribute; sortKey?: KeyAttribute; projection: 'ALL' | 'KEYS_ONLY' | string[] }[];
  pointInTimeRecovery: boolean;
  path: SourcePath;
}

export interface QueueModel {
  name: string;
  logicalId: string; // OrdersQueue
  fifo: boolean;
  visibilityTimeout: number;
  retentionSeconds: number;
  delaySeconds: number;
  /** The queue's own dead-letter queue (not listed separately in App.queues). */
  dlq?: { logicalId: string; maxReceives: number; name: string };
  /** A queue eda created for a function's failures or a rule's undeliverable events. */
  implicit?: 'function-failures' | 'rule-dlq' | 'pipe-dlq';
  /** Functions consuming this queue (queue triggers). */
  consumers: string[];
  path: SourcePath;
}

export interface TopicModel {
  name: string;
  logicalId: string; // OrderEventsTopic
  fifo: boolean;
  subscriptions: SubscriptionModel[];
  path: SourcePath;
}

export type SubscriptionModel =
  | { protocol: 'sqs'; queue: string; raw: boolean; filter?: Record<string, unknown>; source: SourcePath }
  | { protocol: 'lambda'; function: string; filter?: Record<string, unknown>; source: SourcePath }
  | { protocol: 'email'; endpoint: string; filter?: Record<string, unknown>; source: SourcePath }
  | { protocol: 'https'; endpoint: string; raw: boolean; filter?: Record<string, unknown>; source: SourcePath };

export interface BusModel {
  name: string;
  logicalId: string; // OrdersBus
  description?: string;
  archiveDays?: number;
  path: SourcePath;
}

export interface RuleModel {
  name: string;
  logicalId: string; // DailyCleanupRule
  /** 'default' or the name of a declared bus. */
  bus: string;
  description?: string;
  /** The event pattern, its strings' expressions parsed. */
  pattern?: Record<string, Deep>;
  schedule?: string;
  enabled: boolean;
  targets: TargetModel[];
  /** Created from a function's event/schedule trigger rather than declared under rules. */
  implicit: boolean;
  /** The queue (in App.queues) receiving events that could not be delivered, if any. */
  dlq?: string;
  path: SourcePath;
}

export interface TargetModel {
  kind: 'workflow' | 'queue' | 'function' | 'topic' | 'bus' | 'http';
  name: string;
  /** EventBridge target id, unique within the rule. */
  id: string;
  /** The constant input, its strings' expressions parsed. */
  input?: Deep;
  /** The constant input as the JSON text EventBridge receives, its expressions parsed. */
  inputJson?: Value;
  inputPath?: string;
  /** An API destination (kind http): `name` is the destination's name within the rule. */
  http?: HttpTargetModel;
  source: SourcePath;
}

export interface WorkflowModel {
  name: string;
  logicalId: string; // ProcessOrderStateMachine
  type: 'standard' | 'express';
  description?: string;
  /** The ASL as written (function names still bare in Task Resources); read from the file when given as a path. */
  definition: Record<string, Deep>;
  /** Functions invoked by Task states (by bare name or ${functions.x.arn}). */
  invokes: string[];
  /** Least-privilege service integrations found in Task states. */
  integrations: ServiceIntegration[];
  path: SourcePath;
}

export interface ServiceIntegration {
  service: 'sqs' | 'sns' | 'dynamodb' | 'events' | 'states' | 'lambda';
  /** IAM actions, e.g. ["sqs:SendMessage"]. */
  actions: string[];
  target: Ref;
  /** For states:startExecution.sync variants. */
  sync?: boolean;
}

export interface OutputModel {
  name: string;
  /** A value that may hold expressions, or a CloudFormation intrinsic function ({ Ref: Id }). */
  value: Value | Record<string, unknown>;
  description?: string;
  export: boolean;
  /** Where the value is written in app.yaml. */
  path: SourcePath;
}

/** An API destination a rule target calls, through a connection. */
export interface HttpTargetModel {
  url: string;
  method: string;
  connection: string;
  /** Invocations per second. */
  rateLimit: number;
  /** AWS::Events::ApiDestination logical ID. */
  logicalId: string;
}

/** A value eda never sees: where a secret lives. */
export interface SecretRefModel {
  /** Secrets Manager secret name or ARN. */
  secretId: string;
  /** A key of the secret's JSON value, when the secret holds JSON. */
  jsonKey?: string;
  /** The CloudFormation dynamic reference as written ({{resolve:...}}), when written so. */
  resolve?: string;
}

export type ConnectionAuthModel =
  | { type: 'apiKey'; header: string; value: SecretRefModel }
  | { type: 'basic'; username: string; password: SecretRefModel }
  | { type: 'oauth'; endpoint: string; method: string; clientId: string; clientSecret: SecretRefModel; scope?: string };

export interface ConnectionModel {
  name: string;
  logicalId: string; // GithubConnection
  description?: string;
  auth: ConnectionAuthModel;
  path: SourcePath;
}

export type PipeSourceModel =
  | { kind: 'queue'; name: string; batchSize: number; batchWindow?: number }
  | { kind: 'table'; name: string; batchSize: number; batchWindow?: number; startingPosition: 'LATEST' | 'TRIM_HORIZON'; maxRetries: number };

export interface PipeModel {
  name: string;
  logicalId: string; // OrdersToFulfilPipe
  description?: string;
  enabled: boolean;
  source: PipeSourceModel;
  /** The filter's event pattern, as written. */
  filter?: Record<string, unknown>;
  enrichment?: { kind: 'function' | 'workflow'; name: string; input?: string };
  target: {
    kind: 'function' | 'workflow' | 'queue' | 'topic' | 'bus';
    name: string;
    /** Function and workflow targets. */
    invocation?: 'REQUEST_RESPONSE' | 'FIRE_AND_FORGET';
    input?: string;
    /** Bus targets: the events' source and detail-type. */
    eventSource?: string;
    detailType?: string;
  };
  /** The queue (in App.queues) receiving batches a stream source gave up on. */
  dlq?: string;
  path: SourcePath;
}
