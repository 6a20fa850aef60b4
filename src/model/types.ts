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
  /** S3 buckets (`buckets:`). */
  buckets: BucketModel[];
  /** EventBridge Scheduler schedules (`schedules:`), all in the app's one schedule group. */
  schedules: ScheduleModel[];
  monitoring: { alarms: boolean; alertEmail?: string };
  resources: Record<string, unknown>;
  overrides: Record<string, Record<string, unknown>>;
  outputs: OutputModel[];
  /** `apis:` entries of type websocket (API Gateway WebSocket APIs). */
  websocketApis: WebSocketApiModel[];
  /** Template parameters (`parameters:`), with the stage's value or the default. */
  parameters: ParameterModel[];
  /** Event contracts (`events:`): what is put on each bus, with the JSON Schema of its detail. */
  events: EventModel[];
}

/** One declared event: put on `bus` with this source and detail-type, its detail valid against `schema`. */
export interface EventModel {
  name: string;
  bus: string;
  source: string;
  detailType: string;
  /** The JSON Schema of the detail (read from its file when the manifest names one). */
  schema: unknown;
  producers: string[];
  path: SourcePath;
}

export interface FunctionModel {
  name: string;
  logicalId: string; // CreateOrderFunction
  path: SourcePath;
  /** Handler source path relative to the project folder, e.g. src/handlers/createOrder.ts */
  handlerFile: string;
  /** Exported handler name (always `handler`). */
  handlerExport: string;
  /** Python only: the folder packaged as Lambda's task root (src for src/handlers/x.py; . for the module.function form). */
  codeRoot?: string;
  /** Python only: the requirements.txt or pyproject.toml named in app.yaml (the function's, else the defaults'); unset: deploy looks in the code root, then the project folder. */
  requirements?: string;
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
  /** Where failed async invocations and stream batches go, if anywhere (own: the function's own failure queue). */
  onFailure?: DestinationModel & { own: boolean };
  /** Where the records of successful async invocations go, if anywhere. */
  onSuccess?: DestinationModel;
  /** Async invocations: retries after a failed attempt (Lambda's default 2) and the oldest event kept (default 6 hours). */
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  reservedConcurrency?: number;
  /** Its Lambda function URL, if it has one. */
  url?: FunctionUrlModel;
  /** Extra IAM statements from `policies:`. */
  policies?: PolicyStatementModel[];
  /** Physical name from `name:` (CloudFormation picks one otherwise). */
  physicalName?: Value;
}

/** A destination of Lambda's async invocation records (and of stream batches that failed). */
export interface DestinationModel {
  kind: 'queue' | 'topic' | 'function' | 'bus';
  /** The entry's name ('default' for the default bus). */
  name: string;
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
  | { kind: 'secret'; name: string; /** ARN or name, as written */ secretId: string; envVar: string }
  /** A websocket api: manage its connections (post, get, delete). */
  | { kind: 'api'; name: string; envVar: string }
  | { kind: 'bucket'; name: string; access: Access; envVar: string };

export type TriggerModel =
  | { type: 'http'; api: string; method: string; path: string; source: SourcePath }
  | {
      type: 'queue';
      queue: string;
      batchSize: number;
      batchWindow?: number;
      maxConcurrency?: number;
      /** Event filters (EventBridge patterns on the record); a record matching none is dropped. */
      filters?: Record<string, unknown>[];
      source: SourcePath;
    }
  | { type: 'topic'; topic: string; filter?: Record<string, unknown>; /** The filter matches the message body (FilterPolicyScope MessageBody), not its attributes. */ filterScope?: 'body'; source: SourcePath }
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
      /** Event filters (EventBridge patterns on the record); a record matching none is skipped. */
      filters?: Record<string, unknown>[];
      source: SourcePath;
    }
  /** A route of a websocket api (declared under apis.X.routes; listed here so the stub is typed). */
  | { type: 'websocket'; api: string; route: string; source: SourcePath };

export interface ApiModel {
  name: string;
  logicalId: string; // PublicHttpApi | PublicRestApi
  type: 'http' | 'rest';
  implicit: boolean;
  description?: string;
  cors?: { origins: string[]; methods: string[]; headers: string[]; allowCredentials: boolean; maxAge?: number };
  /** How routes are authorized unless they say otherwise. */
  auth: RouteAuth;
  /** The stage's default throttle for every route. */
  throttle: { rate: number; burst: number };
  /** JSON access logs to the API's own log group. */
  accessLogs: boolean;
  routes: RouteModel[];
  path: SourcePath;
  /** Routes a service serves directly (apis.X.routes), without a function. */
  directRoutes?: DirectRouteModel[];
  /** Its authorizers, the inline default one included (see AuthorizerModel). */
  authorizers?: AuthorizerModel[];
  /** REST: routes require an API key unless they opt out; the usage plans that hand keys out. */
  apiKeys?: { plans: UsagePlanModel[] };
  /** A custom domain mapped to the api's stage. */
  domain?: { name: string; certificateArn: Value; basePath?: string; hostedZoneId?: string };
}

export interface RouteModel {
  method: string;
  path: string;
  function: string;
  source: SourcePath;
  /** How this route is authorized (absent: its api's auth). */
  auth?: RouteAuth;
  /** REST apis with apiKeys: whether this route needs an API key (absent: its api's setting). */
  apiKey?: boolean;
  /** Its own throttle, when it has one (the api's stage throttle otherwise). */
  throttle?: { rate: number; burst: number };
}

/** none, IAM (SigV4) or one of the api's authorizers with the scopes the route needs. */
export type RouteAuth = { type: 'none' } | { type: 'iam' } | { type: AuthorizerModel['type']; authorizer: string; scopes: string[] };

/** Where an authorizer reads the caller's identity. */
export interface IdentitySource {
  in: 'header' | 'query' | 'context' | 'stageVariable';
  name: string;
}

interface AuthorizerBase {
  /** Its name under authorizers, or '' for the one written inline as the api's auth. */
  name: string;
  /** Its key in the SAM Auth.Authorizers map (UsersAuthorizer; JwtAuthorizer for an inline jwt). */
  key: string;
  identitySources: IdentitySource[];
  /** Seconds a result is cached per identity (0: not cached). */
  ttl: number;
  path: SourcePath;
}

export type AuthorizerModel =
  | (AuthorizerBase & { type: 'jwt'; issuer: string; audience: string[]; scopes: string[] })
  | (AuthorizerBase & { type: 'lambda'; function: string; responses: 'simple' | 'iam' })
  | (AuthorizerBase & { type: 'token'; function: string; validation?: string })
  | (AuthorizerBase & { type: 'request'; function: string })
  | (AuthorizerBase & { type: 'cognito'; userPoolArn: Value; scopes: string[] });

export interface UsagePlanModel {
  name: string;
  logicalId: string; // PublicRestApiBasicUsagePlan
  keyLogicalId: string; // PublicRestApiBasicApiKey
  description?: string;
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
  throttle?: { rate?: number; burst?: number };
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
  /** Physical name from `name:`. */
  physicalName?: Value;
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
  /** A declared queue this one moves messages to after maxReceives (dlq: { queue }), instead of a DLQ of its own. */
  redrive?: { queue: string; maxReceives: number };
  /** The queues whose dead-letter queue this declared queue is (its redrive allow policy lists exactly them). */
  redriveSources?: string[];
  /** A queue eda created for a function's failures or a rule's undeliverable events. */
  implicit?: 'function-failures' | 'rule-dlq' | 'pipe-dlq';
  /** Functions consuming this queue (queue triggers). */
  consumers: string[];
  path: SourcePath;
  /** Physical name from `name:`. */
  physicalName?: Value;
  /** The JSON Schema of its message bodies (`message:`), read from its file when it names one. */
  message?: unknown;
}

export interface TopicModel {
  name: string;
  logicalId: string; // OrderEventsTopic
  fifo: boolean;
  subscriptions: SubscriptionModel[];
  path: SourcePath;
  /** Physical name from `name:`. */
  physicalName?: Value;
  /** The JSON Schema of its messages (`message:`), read from its file when it names one. */
  message?: unknown;
}

export type SubscriptionModel =
  | { protocol: 'sqs'; queue: string; raw: boolean; filter?: Record<string, unknown>; filterScope?: 'body'; source: SourcePath }
  | { protocol: 'lambda'; function: string; filter?: Record<string, unknown>; filterScope?: 'body'; source: SourcePath }
  | { protocol: 'email'; endpoint: string; filter?: Record<string, unknown>; filterScope?: 'body'; source: SourcePath }
  | { protocol: 'https'; endpoint: string; raw: boolean; filter?: Record<string, unknown>; filterScope?: 'body'; source: SourcePath }

export interface BusModel {
  name: string;
  logicalId: string; // OrdersBus
  description?: string;
  archiveDays?: number;
  path: SourcePath;
  /** Physical name from `name:` (default <stack>-<name>). */
  physicalName?: Value;
  policy?: BusPolicyModel;
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
  /** An input transformer: placeholder name → JSON path, and the template they fill. */
  inputTransformer?: { paths: Record<string, string>; template: string };
  /** An API destination (kind http): `name` is the destination's name within the rule. */
  http?: HttpTargetModel;
  source: SourcePath;
  /** A bus outside the app (kind bus): its ARN, expressions parsed; `name` is the ARN as written. */
  arn?: Value;
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
  /** Extra IAM statements from `policies:`. */
  policies?: PolicyStatementModel[];
}

export interface ServiceIntegration {
  service: 'sqs' | 'sns' | 'dynamodb' | 'events' | 'states' | 'lambda' | 's3';
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

/** A route API Gateway sends straight to a service, through a role allowed that one action. */
export interface DirectRouteModel {
  method: string;
  path: string;
  target: DirectTarget;
  /** The role API Gateway assumes to call the service: OrdersApiPostOrdersRole. */
  roleLogicalId: string;
  source: SourcePath;
  /** How this route is authorized (absent: its api's auth, which is all direct routes have today). */
  auth?: RouteAuth;
  /** REST apis with apiKeys: whether this route needs an API key (absent: its api's setting). */
  apiKey?: boolean;
}

/** A value read from the request: $request.header.x-group, $request.body.customerId, ... */
export interface RequestValue {
  from: 'header' | 'querystring' | 'path' | 'body';
  name: string;
}

export type DirectTarget =
  | { kind: 'queue'; name: string; fifo: boolean; messageGroupId?: RequestValue }
  | { kind: 'bus'; name: string; source: string; detailType: string }
  | { kind: 'workflow'; name: string; sync: boolean }
  | { kind: 'table'; name: string; action: 'put' | 'get' | 'query' | 'delete' };

/** An API Gateway WebSocket API: routes chosen by the selection expression, each a Lambda proxy integration. */
export interface WebSocketApiModel {
  name: string;
  logicalId: string; // ChatWebSocketApi
  description?: string;
  /** $request.body.action unless app.yaml says otherwise. */
  routeSelection: string;
  /** iam: the $connect request must be signed (AWS_IAM on the $connect route). */
  auth: 'none' | 'iam';
  routes: WebSocketRouteModel[];
  /** The stage's default throttle for every route. */
  throttle: { rate: number; burst: number };
  accessLogs: boolean;
  path: SourcePath;
}

export interface WebSocketRouteModel {
  /** $connect, $disconnect, $default or a custom key. */
  key: string;
  function: string;
  source: SourcePath;
}

/** A Lambda function URL (SAM FunctionUrlConfig). */
export interface FunctionUrlModel {
  auth: 'iam' | 'none';
  cors?: { origins: string[]; methods: string[]; headers: string[]; allowCredentials: boolean; maxAge?: number };
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  path: SourcePath;
}

export interface ParameterModel {
  name: string;
  /** CloudFormation parameter type: String, Number, CommaDelimitedList, AWS::SSM::Parameter::Value<String>, ... */
  type: string;
  /** The stage's value (stages.<stage>.parameters) or else the declared default: the template's Default. */
  value?: string;
  allowed?: string[];
  noEcho: boolean;
  description?: string;
  path: SourcePath;
}

/** One statement of `policies:` on a function or workflow. */
export interface PolicyStatementModel {
  effect: 'Allow' | 'Deny';
  actions: string[];
  /** ARNs; their expressions parsed. */
  resources: Value[];
  conditions?: Record<string, Deep>;
  path: SourcePath;
}

/** Who else may put events on a bus (`buses.X.policy`). */
export interface BusPolicyModel {
  allowAccounts: string[];
  allowOrganization?: string;
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
