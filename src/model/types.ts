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
  /** S3 buckets (`buckets:`). */
  buckets: BucketModel[];
  /** EventBridge Scheduler schedules (`schedules:`), all in the app's one schedule group. */
  schedules: ScheduleModel[];
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
  | { kind: 'bucket'; name: string; access: Access; envVar: string }
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
  /** A bucket's object events, delivered by an implicit rule on the default bus. */
  | { type: 'bucket'; bucket: string; rule: string; events: ('created' | 'removed')[]; prefix?: string; suffix?: string; source: SourcePath }
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
  implicit?: 'function-failures' | 'rule-dlq';
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
  kind: 'workflow' | 'queue' | 'function' | 'topic' | 'bus';
  name: string;
  /** EventBridge target id, unique within the rule. */
  id: string;
  /** The constant input, its strings' expressions parsed. */
  input?: Deep;
  /** The constant input as the JSON text EventBridge receives, its expressions parsed. */
  inputJson?: Value;
  inputPath?: string;
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

export interface BucketModel {
  name: string;
  logicalId: string; // UploadsBucket
  encryption: 's3' | 'kms';
  versioning: boolean;
  /** Object events go to the default EventBridge bus (NotificationConfiguration.EventBridgeConfiguration). */
  eventBridge: boolean;
  lifecycle: { prefix?: string; expireAfterDays?: number; noncurrentExpireAfterDays?: number }[];
  /** 0: unfinished multipart uploads are kept. */
  abortIncompleteUploadsAfterDays: number;
  cors?: { origins: string[]; methods: string[]; headers: string[]; exposeHeaders: string[]; maxAge?: number };
  path: SourcePath;
}

export interface ScheduleModel {
  name: string;
  logicalId: string; // NightlySchedule
  /** rate(...), cron(...) or at(yyyy-mm-ddThh:mm:ss). */
  expression: string;
  timezone: string;
  /** Flexible time window in minutes (undefined: off). */
  windowMinutes?: number;
  /** ISO 8601 instants. */
  start?: string;
  end?: string;
  enabled: boolean;
  description?: string;
  target: { kind: 'function' | 'workflow' | 'queue' | 'topic' | 'bus'; name: string; input?: Deep; inputJson?: Value; detailType: string; source: string; path: SourcePath };
  maxRetries: number;
  maxEventAgeSeconds: number;
  /** The queue (in App.queues) receiving invocations that failed every retry, if any. */
  dlq?: string;
  path: SourcePath;
}
