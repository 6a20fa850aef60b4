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
  buckets?: {
    [k: string]: BucketSpec;
  } | null;
  schedules?: {
    [k: string]: SchedulerScheduleSpec;
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
   * tables and buckets: readWrite (default) | read | write
   */
  access?: 'read' | 'write' | 'readWrite';
  bucket?: Name;
}
/**
 * What invokes the function: one of http, queue, topic, event, schedule, stream, bucket.
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
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  bucket?: string;
  /**
   * bucket triggers: which object events, default [created]
   *
   * @minItems 1
   */
  events?: ['created' | 'removed', ...('created' | 'removed')[]];
  /**
   * bucket triggers: only keys starting with this
   */
  prefix?: string;
  /**
   * bucket triggers: only keys ending with this
   */
  suffix?: string;
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
  /**
   * a constant JSON input instead of the event
   */
  input?: {
    [k: string]: unknown;
  };
  inputPath?: string;
}
export interface WorkflowSpec {
  type?: 'standard' | 'express';
  description?: string;
  /**
   * Amazon States Language, inline or a path to a .asl.json/.asl.yaml file
   */
  definition: {} | string;
}
export interface BucketSpec {
  /**
   * s3 (SSE-S3, default) | kms (SSE-KMS with the account's aws/s3 key, S3 Bucket Keys on)
   */
  encryption?: 's3' | 'kms';
  /**
   * keep every version of every object (default false)
   */
  versioning?: boolean;
  /**
   * send object events to the default EventBridge bus (default true; bucket triggers need it)
   */
  eventBridge?: boolean;
  /**
   * @minItems 1
   * @maxItems 100
   */
  lifecycle?: [
    {
      /**
       * only keys starting with this
       */
      prefix?: string;
      /**
       * delete objects this many days after they were written
       */
      expireAfterDays?: number;
      /**
       * delete replaced versions this many days after they stopped being current (versioned buckets)
       */
      noncurrentExpireAfterDays?: number;
    },
    ...{
      /**
       * only keys starting with this
       */
      prefix?: string;
      /**
       * delete objects this many days after they were written
       */
      expireAfterDays?: number;
      /**
       * delete replaced versions this many days after they stopped being current (versioned buckets)
       */
      noncurrentExpireAfterDays?: number;
    }[]
  ];
  /**
   * discard multipart uploads left unfinished this many days (default 7; 0 keeps them)
   */
  abortIncompleteUploadsAfterDays?: number;
  cors?: {
    /**
     * @minItems 1
     */
    origins: [string, ...string[]];
    /**
     * default [GET]
     *
     * @minItems 1
     */
    methods?: ['GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD', ...('GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD')[]];
    headers?: string[];
    exposeHeaders?: string[];
    /**
     * seconds browsers may cache the preflight answer
     */
    maxAge?: number;
  };
}
export interface SchedulerScheduleSpec {
  /**
   * rate(5 minutes), cron(0 9 ? * MON-FRI *) or at(2025-12-31T23:59:00) (one time)
   */
  expression: string;
  /**
   * IANA time zone for cron() and at(), e.g. Europe/Paris (default UTC)
   */
  timezone?: string;
  /**
   * Seconds, or a number with a unit: 30s, 15m, 4h, 4d.
   */
  window?: number | string;
  /**
   * ISO 8601 date-time the schedule starts, e.g. 2025-01-01T00:00:00Z
   */
  start?: string;
  /**
   * ISO 8601 date-time the schedule ends
   */
  end?: string;
  enabled?: boolean;
  description?: string;
  target: SchedulerTargetSpec;
  retries?: {
    /**
     * default 185
     */
    maxRetries?: number;
    /**
     * Seconds, or a number with a unit: 30s, 15m, 4h, 4d.
     */
    maxEventAge?: number | string;
  };
  /**
   * send invocations that failed every retry to a dead-letter queue (default true)
   */
  dlq?: boolean;
}
export interface SchedulerTargetSpec {
  function?: Name;
  workflow?: Name;
  queue?: Name;
  topic?: Name;
  bus?: string;
  /**
   * what the target receives (JSON; default {})
   */
  input?: {
    [k: string]: unknown;
  };
  /**
   * bus targets: the event's detail-type (default Scheduled Event)
   */
  detailType?: string;
  /**
   * bus targets: the event's source (default eda.scheduler)
   */
  source?: string;
}
