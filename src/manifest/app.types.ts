// Generated from schema/app.schema.json by scripts/gen-types.mjs. Do not edit.

/**
 * Lambda runtime, default nodejs24.x
 */
export type Runtime = 'nodejs22.x' | 'nodejs24.x';
export type Region = string;
/**
 * CloudWatch Logs retention in days, default 30
 */
export type LogRetentionDays =
  | 1
  | 3
  | 5
  | 7
  | 14
  | 30
  | 60
  | 90
  | 120
  | 150
  | 180
  | 365
  | 400
  | 545
  | 731
  | 1096
  | 1827
  | 2192
  | 2557
  | 2922
  | 3288
  | 3653;
/**
 * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
 */
export type Name = string;
/**
 * true allows any origin, method and header; or list the origins (and methods, headers) to allow
 */
export type CorsSpec =
  | boolean
  | {
      /**
       * @minItems 1
       *
       * Items: an origin like https://app.example.com (scheme and host, no path), or * for any origin
       */
      origins?: [string, ...string[]];
      /**
       * @minItems 1
       */
      methods?: [string, ...string[]];
      headers?: string[];
      allowCredentials?: boolean;
      maxAge?: number;
    };
/**
 * name or name:string|number|binary
 */
export type Key = string;
/**
 * Seconds, or a number with a unit: 30s, 15m, 4h, 4d.
 */
export type Duration = number | string;
/**
 * a Pipes input template: text, JSON or a path, with <$.path> and <aws.pipes.*> placeholders
 */
export type PipeInputTemplate = string;
/**
 * a reference to a secret, never the secret: ${secret:name} or ${secret:name:jsonKey} (Secrets Manager), a Secrets Manager ARN, or {{resolve:secretsmanager:...}}
 */
export type SecretRef = string;

/**
 * eda app.yaml: an event-driven serverless application on AWS.
 */
export interface AppManifest {
  $schema?: string;
  /**
   * The app's name; the stack is <name>-<stage>.
   */
  name: string;
  description?: string;
  runtime?: Runtime;
  region?: Region;
  defaults?: FunctionDefaults;
  monitoring?: MonitoringSpec;
  stages?: {
    [k: string]: StageSpec;
  } | null;
  functions?: {
    [k: string]: FunctionSpec;
  } | null;
  apis?: {
    [k: string]: ApiSpec;
  } | null;
  tables?: {
    [k: string]: TableSpec;
  } | null;
  queues?: {
    [k: string]: QueueSpec;
  } | null;
  topics?: {
    [k: string]: TopicSpec;
  } | null;
  buses?: {
    [k: string]: BusSpec;
  } | null;
  rules?: {
    [k: string]: RuleSpec;
  } | null;
  workflows?: {
    [k: string]: WorkflowSpec;
  } | null;
  /**
   * EventBridge Pipes: a queue or table stream, filtered, optionally enriched, delivered to one target.
   */
  pipes?: {
    [k: string]: PipeSpec;
  } | null;
  /**
   * EventBridge connections: how API destinations (http rule targets) authorize their calls.
   */
  connections?: {
    [k: string]: ConnectionSpec;
  } | null;
  /**
   * Raw CloudFormation resources, copied as they are.
   */
  resources?: {
    [k: string]: {
      Type: string;
    };
  } | null;
  /**
   * Deep-merged into generated resources by logical ID; null deletes a key.
   */
  overrides?: {
    [k: string]: {};
  } | null;
  /**
   * Extra stack outputs: name -> a value (which may hold ${...} expressions), a CloudFormation intrinsic function, or { value, description, export }.
   */
  outputs?: {
    [k: string]:
      | string
      | number
      | boolean
      | {}
      | {
          value: (string | number | boolean) | {};
          description?: string;
          export?: boolean;
        };
  } | null;
}
export interface FunctionDefaults {
  /**
   * MB, default 512
   */
  memory?: number;
  /**
   * seconds, default 10
   */
  timeout?: number;
  /**
   * default arm64
   */
  architecture?: 'arm64' | 'x86_64';
  runtime?: Runtime;
  /**
   * X-Ray active tracing, default true
   */
  tracing?: boolean;
  logRetentionDays?: LogRetentionDays;
  environment?: Environment;
}
/**
 * Environment variables. Values may use ${kind.name.attr} expressions.
 */
export interface Environment {
  [k: string]: string | number | boolean;
}
export interface MonitoringSpec {
  /**
   * alarms on function errors/throttles, DLQ depth and failed workflows; default true
   */
  alarms?: boolean;
  alertEmail?: string;
}
export interface StageSpec {
  region?: Region;
  defaults?: FunctionDefaults;
  retainData?: boolean;
  monitoring?: MonitoringSpec;
}
export interface FunctionSpec {
  /**
   * default src/handlers/<name>.ts, exporting `handler`
   */
  handler?: string;
  description?: string;
  memory?: number;
  timeout?: number;
  architecture?: 'arm64' | 'x86_64';
  runtime?: Runtime;
  tracing?: boolean;
  logRetentionDays?: LogRetentionDays;
  environment?: Environment;
  uses?: UseSpec[];
  triggers?: TriggerSpec[];
  /**
   * Where failed async invocations (and stream batches) go: dlq (a queue of the function's own), none, or { queue: name }
   */
  onFailure?:
    | ('dlq' | 'none')
    | {
        queue: Name;
      };
  reservedConcurrency?: number;
}
/**
 * Access to one resource: grants the least privilege and sets an environment variable.
 */
export interface UseSpec {
  table?: Name;
  queue?: Name;
  topic?: Name;
  bus?: string;
  workflow?: Name;
  function?: Name;
  /**
   * A Secrets Manager secret name or ARN
   */
  secret?: string;
  /**
   * tables only: readWrite (default) | read | write
   */
  access?: 'read' | 'write' | 'readWrite';
}
/**
 * What invokes the function: one of http, queue, topic, event, schedule, stream.
 */
export interface TriggerSpec {
  /**
   * METHOD /path/{param}, e.g. POST /orders
   */
  http?: string;
  api?: Name;
  queue?: Name;
  batchSize?: number;
  /**
   * seconds
   */
  batchWindow?: number;
  /**
   * queue triggers: at most this many concurrent invocations
   */
  maxConcurrency?: number;
  topic?: Name;
  filter?: FilterPolicy;
  event?: {
    bus?: string;
    pattern: EventPattern;
  };
  /**
   * rate(5 minutes) or cron(0 12 * * ? *)
   */
  schedule?: string;
  /**
   * event and schedule triggers: a constant input instead of the event
   */
  input?: {
    [k: string]: unknown;
  };
  stream?: Name;
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /**
   * stream triggers: retries before the batch goes to the failure queue, default 3
   */
  maxRetries?: number;
}
/**
 * An SNS filter policy (on message attributes).
 */
export interface FilterPolicy {}
/**
 * An EventBridge event pattern, as AWS writes it.
 */
export interface EventPattern {}
export interface ApiSpec {
  /**
   * http (API Gateway HTTP API, default) | rest
   */
  type?: 'http' | 'rest';
  description?: string;
  cors?: CorsSpec;
  auth?:
    | ('none' | 'iam')
    | {
        type: 'none' | 'iam' | 'jwt';
        issuer?: string;
        /**
         * @minItems 1
         */
        audience?: [string, ...string[]];
        scopes?: string[];
      };
  /**
   * Stage throttle for every route: rate (requests per second, default 100) and burst (default 200)
   */
  throttle?: {
    /**
     * steady-state requests per second, default 100
     */
    rate?: number;
    /**
     * requests allowed at once above the rate, default 200
     */
    burst?: number;
  };
  /**
   * JSON access logs to a log group with defaults.logRetentionDays retention; default true
   */
  accessLogs?: boolean;
}
export interface TableSpec {
  partitionKey: Key;
  sortKey?: Key;
  billing?:
    | 'onDemand'
    | {
        read: number;
        write: number;
      };
  stream?: 'new' | 'old' | 'newAndOld' | 'keys';
  ttl?: string;
  indexes?: {
    [k: string]: {
      partitionKey: Key;
      sortKey?: Key;
      projection?: ('all' | 'keys') | [string, ...string[]];
    };
  };
  pointInTimeRecovery?: boolean;
}
export interface QueueSpec {
  fifo?: boolean;
  visibilityTimeout?: number;
  retention?: Duration;
  delay?: number;
  dlq?:
    | boolean
    | {
        maxReceives?: number;
      };
}
export interface TopicSpec {
  fifo?: boolean;
  subscriptions?: SubscriptionSpec[];
}
export interface SubscriptionSpec {
  queue?: Name;
  email?: string;
  https?: string;
  raw?: boolean;
  filter?: FilterPolicy;
}
export interface BusSpec {
  description?: string;
  /**
   * keep an archive of events for this many days (0 = forever)
   */
  archive?: number;
}
export interface RuleSpec {
  description?: string;
  bus?: string;
  pattern?: EventPattern;
  schedule?: string;
  enabled?: boolean;
  /**
   * @minItems 1
   * @maxItems 5
   */
  targets:
    | [TargetSpec]
    | [TargetSpec, TargetSpec]
    | [TargetSpec, TargetSpec, TargetSpec]
    | [TargetSpec, TargetSpec, TargetSpec, TargetSpec]
    | [TargetSpec, TargetSpec, TargetSpec, TargetSpec, TargetSpec];
}
export interface TargetSpec {
  workflow?: Name;
  queue?: Name;
  function?: Name;
  topic?: Name;
  bus?: string;
  http?: HttpTargetSpec;
  /**
   * a constant JSON input instead of the event
   */
  input?: {
    [k: string]: unknown;
  };
  inputPath?: string;
}
export interface HttpTargetSpec {
  /**
   * the endpoint (https; eda dev also calls http://localhost)
   */
  url: string;
  /**
   * default POST
   */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  connection: Name;
  /**
   * invocations per second (default 300)
   */
  rateLimit?: number;
}
export interface WorkflowSpec {
  type?: 'standard' | 'express';
  description?: string;
  /**
   * Amazon States Language, inline or a path to a .asl.json/.asl.yaml file
   */
  definition: {} | string;
}
export interface PipeSpec {
  description?: string;
  /**
   * false: the pipe is created stopped
   */
  enabled?: boolean;
  source: PipeSourceSpec;
  filter?: EventPattern;
  enrichment?: PipeEnrichmentSpec;
  target: PipeTargetSpec;
}
export interface PipeSourceSpec {
  queue?: Name;
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  table?: string;
  batchSize?: number;
  /**
   * seconds to wait for a fuller batch
   */
  batchWindow?: number;
  /**
   * table streams only (default latest)
   */
  startingPosition?: 'latest' | 'trimHorizon';
  /**
   * table streams only: retries of a failed batch before it goes to the pipe's dead-letter queue (-1: until the record expires)
   */
  maxRetries?: number;
}
export interface PipeEnrichmentSpec {
  function?: Name;
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  workflow?: string;
  input?: PipeInputTemplate;
}
export interface PipeTargetSpec {
  function?: Name;
  workflow?: Name;
  queue?: Name;
  topic?: Name;
  bus?: string;
  /**
   * function and workflow targets: wait for the result (default; functions, express workflows) or not (standard workflows always fireAndForget)
   */
  invocation?: 'requestResponse' | 'fireAndForget';
  input?: PipeInputTemplate;
  /**
   * bus targets: the events' source
   */
  source?: string;
  /**
   * bus targets: the events' detail-type
   */
  detailType?: string;
}
export interface ConnectionSpec {
  description?: string;
  auth: ConnectionAuthSpec;
}
export interface ConnectionAuthSpec {
  apiKey?: {
    /**
     * the header that carries the key
     */
    header: string;
    value: SecretRef;
  };
  basic?: {
    username: string;
    password: SecretRef;
  };
  oauth?: {
    /**
     * the authorization server's token endpoint
     */
    endpoint: string;
    /**
     * default POST
     */
    method?: 'GET' | 'POST' | 'PUT';
    clientId: string;
    clientSecret: SecretRef;
    scope?: string;
  };
}
