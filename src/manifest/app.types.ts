// Generated from schema/app.schema.json by scripts/gen-types.mjs. Do not edit.

/**
 * Lambda runtime, default nodejs24.x; a python3.x runtime makes the function's handler Python
 */
export type Runtime = 'nodejs22.x' | 'nodejs24.x' | 'python3.12' | 'python3.13' | 'python3.14';
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
 * a parameter's value: a string, a number, or a list (CommaDelimitedList, List<Number>)
 */
export type ParameterValue = string | number | (string | number)[];
/**
 * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
 */
export type Name = string;
/**
 * how this route is authorized: none (public), iam, the name of an authorizer of its api, or { authorizer, scopes, apiKey }
 */
export type RouteAuthSpec =
  | Name
  | {
      /**
       * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
       */
      authorizer?: string;
      /**
       * jwt, cognito: scopes this route needs (any one of them)
       *
       * @minItems 1
       */
      scopes?: [string, ...string[]];
      /**
       * rest apis with apiKeys: false makes this route callable without a key
       */
      apiKey?: boolean;
    };
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
export type UsagePlanSpec = {
  description?: string;
  quota?: {
    limit: number;
    period: 'DAY' | 'WEEK' | 'MONTH';
  };
  throttle?: {
    rate?: number;
    burst?: number;
  };
} | null;
/**
 * name or name:string|number|binary
 */
export type Key = string;
/**
 * Seconds, or a number with a unit: 30s, 15m, 4h, 4d.
 */
export type Duration = number | string;
export type ParameterSpec = {
  /**
   * String (default), Number, List<Number>, CommaDelimitedList, an AWS-specific type (AWS::EC2::VPC::Id) or AWS::SSM::Parameter::Value<String>
   */
  type?: string;
  default?: ParameterValue;
  /**
   * the values the parameter may take (AllowedValues)
   *
   * @minItems 1
   */
  allowed?: [string | number, ...(string | number)[]];
  /**
   * mask the value in the console and API answers (NoEcho)
   */
  noEcho?: boolean;
  description?: string;
} | null;
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
  /**
   * CloudFormation template parameters, usable as ${parameters.X}; set per stage (stages.X.parameters) or with eda deploy --parameter X=Y.
   */
  parameters?: {
    [k: string]: ParameterSpec;
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
  buckets?: {
    [k: string]: BucketSpec;
  } | null;
  schedules?: {
    [k: string]: SchedulerScheduleSpec;
  } | null;
  /**
   * Event contracts: each event put on a bus, its source and the JSON Schema of its detail.
   */
  events?: {
    [k: string]: EventSpec;
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
  /**
   * Python functions: the requirements.txt or pyproject.toml whose dependencies deploy packages (default: the code root's requirements.txt, else the project's)
   */
  requirements?: string;
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
  /**
   * the stage's value of each parameter (the template default for this stage)
   */
  parameters?: {
    [k: string]: ParameterValue;
  } | null;
  /**
   * a production stage: eda destroy --purge (and hot-swap deploys) refuse it
   */
  production?: boolean;
  /**
   * how eda deploy deploys this stage
   */
  deploy?: {
    /**
     * CloudFormation express mode (DeploymentConfig.Mode EXPRESS): the operation completes once configuration is applied; not allowed on a production stage
     */
    express?: boolean;
  };
}
export interface FunctionSpec {
  /**
   * default src/handlers/<name>.ts exporting `handler` (src/handlers/<name>.py defining `handler` for a Python runtime); Python also takes Lambda's module.function form
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
   * Where failed async invocations (and stream batches) go: dlq (a queue of the function's own), none, or { queue | topic | function | bus: name }
   */
  onFailure?: ('dlq' | 'none') | DestinationSpec;
  reservedConcurrency?: number;
  onSuccess?: DestinationSpec;
  /**
   * async invocations: retries after a failed attempt, default 2
   */
  maximumRetryAttempts?: number;
  /**
   * async invocations: seconds an event may wait before it is discarded (or sent to onFailure), default 21600
   */
  maximumEventAgeSeconds?: number;
  /**
   * A Lambda function URL: true (IAM auth) or { auth: iam | none, cors, invokeMode }
   */
  url?: boolean | FunctionUrlSpec;
  /**
   * extra IAM statements for AWS actions `uses` does not cover
   */
  policies?: PolicyStatementSpec[];
  /**
   * physical function name (FunctionName); may hold ${AWS::StackName}
   */
  name?: string;
  /**
   * Python only: the requirements.txt or pyproject.toml whose dependencies deploy packages with the function (default: defaults.requirements, else the code root's requirements.txt, else the project's)
   */
  requirements?: string;
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
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  api?: string;
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
  /**
   * topic triggers: an SNS filter policy (on message attributes); queue and stream triggers: an event filter (an EventBridge pattern on the record), or a list of up to 10 (a record matching any is delivered)
   */
  filter?: FilterPolicy | [EventPattern, ...EventPattern[]];
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
   * input transformer: placeholder name -> JSON path into the event ($.detail.name); at most 100
   */
  inputPaths?: {
    [k: string]: string;
  };
  /**
   * input transformer: the text the target receives, with <name> placeholders from inputPaths and <aws.events.*> ones
   */
  inputTemplate?: string;
  auth?: RouteAuthSpec;
  /**
   * http triggers: this route's throttle (rate per second, burst), instead of its api's
   */
  throttle?: {
    rate?: number;
    burst?: number;
  };
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
  /**
   * topic triggers: what filter matches, the message attributes (default) or the message body, as JSON (FilterPolicyScope MessageBody)
   */
  filterScope?: 'attributes' | 'body';
}
/**
 * An SNS filter policy (on message attributes).
 */
export interface FilterPolicy {}
/**
 * An EventBridge event pattern, as AWS writes it.
 */
export interface EventPattern {}
/**
 * A destination of async invocation records: exactly one of queue, topic, function, bus
 */
export interface DestinationSpec {
  queue?: Name;
  function?: Name;
  topic?: Name;
  bus?: string;
}
export interface FunctionUrlSpec {
  /**
   * iam (default): callers sign with SigV4 and need lambda:InvokeFunctionUrl; none: anyone on the internet may call it
   */
  auth?: 'iam' | 'none';
  cors?: CorsSpec;
  /**
   * BUFFERED (default) | RESPONSE_STREAM (needs a streaming handler)
   */
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAM';
}
export interface PolicyStatementSpec {
  /**
   * Allow (default) or Deny
   */
  effect?: 'Allow' | 'Deny';
  /**
   * IAM actions, service:Action (s3:GetObject)
   */
  actions: string | [string, ...string[]];
  /**
   * ARNs, which may hold ${...} expressions
   */
  resources: string | [string, ...string[]];
  /**
   * an IAM Condition block ({ StringEquals: { 'aws:ResourceTag/team': shop } })
   */
  conditions?: {
    [k: string]: {};
  };
}
export interface ApiSpec {
  /**
   * http (API Gateway HTTP API, default) | rest | websocket
   */
  type?: 'http' | 'rest' | 'websocket';
  description?: string;
  cors?: CorsSpec;
  /**
   * the default for every route: none (default) | iam | the name of an entry of authorizers | an authorizer written inline ({ type: jwt|lambda|token|request|cognito, ... })
   */
  auth?:
    | ('none' | 'iam')
    | Name
    | {
        type: 'none' | 'iam';
      }
    | AuthorizerSpec;
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
  /**
   * http/rest apis: routes an AWS service serves directly, "METHOD /path": { queue | bus | workflow | table }; websocket apis: route key ($connect, $disconnect, $default or a value of routeSelection) -> the function that handles it
   */
  routes?: {
    [k: string]: Name | DirectRouteSpec;
  };
  /**
   * named authorizers that routes choose with auth: <name>
   */
  authorizers?: {
    [k: string]: AuthorizerSpec;
  } | null;
  /**
   * rest apis: every route requires an API key (x-api-key) unless it says auth: { apiKey: false }; default false
   */
  apiKeys?: boolean;
  /**
   * rest apis with apiKeys: usage plans, each with its own API key
   */
  usagePlans?: {
    [k: string]: UsagePlanSpec;
  } | null;
  domain?: ApiDomainSpec;
  /**
   * websocket apis: where a message names its route, $request.body.<path> (default $request.body.action)
   */
  routeSelection?: string;
}
/**
 * jwt (http) | lambda (http, payload 2.0) | token, request (rest Lambda authorizers) | cognito (rest)
 */
export interface AuthorizerSpec {
  type: 'jwt' | 'lambda' | 'token' | 'request' | 'cognito';
  /**
   * jwt: the token issuer (iss)
   */
  issuer?: string;
  /**
   * jwt: accepted aud or client_id values
   *
   * @minItems 1
   */
  audience?: [string, ...string[]];
  /**
   * jwt, cognito: scopes a route needs by default (any one of them)
   */
  scopes?: string[];
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  function?: string;
  /**
   * lambda (http): simple ({ isAuthorized, context }, default) or iam (a policy document)
   */
  responses?: 'simple' | 'iam';
  /**
   * where the identity is read, e.g. $request.header.Authorization (default) or method.request.querystring.token; a request without them is refused with 401
   *
   * @minItems 1
   */
  identitySources?: [string, ...string[]];
  /**
   * seconds an authorizer's result is cached per identity; 0 turns caching off; default 300 (not for jwt)
   */
  ttl?: number;
  /**
   * token: a regular expression the token must match before the function is called
   */
  validation?: string;
  /**
   * cognito: the user pool's ARN, or ${resources.X.Arn}
   */
  userPoolArn?: string;
}
/**
 * A route served by a service integration: one of queue, bus, workflow, table.
 */
export interface DirectRouteSpec {
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  queue?: string;
  /**
   * FIFO queues: the request value that is the message group, e.g. $request.header.x-group or $request.body.customerId
   */
  messageGroupId?: string;
  /**
   * EventBridge PutEvents: the request body is the event's detail
   */
  bus?: string;
  /**
   * bus routes: the event's source
   */
  source?: string;
  /**
   * bus routes: the event's detail-type
   */
  detailType?: string;
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  workflow?: string;
  /**
   * workflow routes: StartSyncExecution (express workflows) and answer with the output; default false
   */
  sync?: boolean;
  /**
   * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
   */
  table?: string;
  /**
   * table routes: put | get | query | delete; default from the method (PUT/POST put, GET get, DELETE delete)
   */
  action?: 'put' | 'get' | 'query' | 'delete';
}
/**
 * a custom domain for the api (regional)
 */
export interface ApiDomainSpec {
  /**
   * the domain name, e.g. api.example.com
   */
  name: string;
  /**
   * an ACM certificate in the stack's region (ARN or ${resources.X})
   */
  certificateArn: string;
  /**
   * the path the api is mapped under, e.g. v1; default: the domain's root
   */
  basePath?: string;
  /**
   * a Route 53 hosted zone to add the domain's alias record to
   */
  hostedZoneId?: string;
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
  /**
   * physical table name (TableName); may hold ${AWS::StackName}
   */
  name?: string;
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
        /**
         * A resource name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters.
         */
        queue?: string;
      };
  /**
   * physical queue name (QueueName); FIFO queues end in .fifo; may hold ${AWS::StackName}
   */
  name?: string;
  /**
   * the JSON Schema (draft 2020-12) of its messages' bodies (JSON): a .json/.yaml file in the project, or inline
   */
  message?: string | {};
}
export interface TopicSpec {
  fifo?: boolean;
  subscriptions?: SubscriptionSpec[];
  /**
   * physical topic name (TopicName); FIFO topics end in .fifo; may hold ${AWS::StackName}
   */
  name?: string;
  /**
   * the JSON Schema (draft 2020-12) of its messages' bodies (JSON): a .json/.yaml file in the project, or inline
   */
  message?: string | {};
}
export interface SubscriptionSpec {
  queue?: Name;
  email?: string;
  https?: string;
  raw?: boolean;
  filter?: FilterPolicy;
  /**
   * what the filter policy matches: the message attributes (default) or the message body, as JSON (FilterPolicyScope MessageBody)
   */
  filterScope?: 'attributes' | 'body';
}
export interface BusSpec {
  description?: string;
  /**
   * keep an archive of events for this many days (0 = forever)
   */
  archive?: number;
  /**
   * physical bus name (default <stack>-<name>); may hold ${AWS::StackName}
   */
  name?: string;
  policy?: BusPolicySpec;
}
/**
 * who else may put events on this bus
 */
export interface BusPolicySpec {
  /**
   * AWS account IDs allowed to put events
   *
   * @minItems 1
   */
  allowAccounts?: [string, ...string[]];
  /**
   * an AWS Organizations ID (o-xxxxxxxxxx) whose accounts may put events
   */
  allowOrganization?: string;
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
  bus?:
    | string
    | {
        /**
         * a bus outside this app: arn:aws:events:<region>:<account>:event-bus/<name> (may hold ${...})
         */
        arn: string;
      };
  /**
   * a constant JSON input instead of the event
   */
  input?: {
    [k: string]: unknown;
  };
  inputPath?: string;
  /**
   * input transformer: placeholder name -> JSON path into the event ($.detail.name); at most 100
   */
  inputPaths?: {
    [k: string]: string;
  };
  /**
   * input transformer: the text the target receives, with <name> placeholders from inputPaths and <aws.events.*> ones
   */
  inputTemplate?: string;
  http?: HttpTargetSpec;
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
  /**
   * extra IAM statements for AWS actions `uses` does not cover
   */
  policies?: PolicyStatementSpec[];
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
export interface EventSpec {
  description?: string;
  /**
   * the bus the event is put on (default: the account's default bus)
   */
  bus?: string;
  /**
   * the event's source, e.g. shop.orders
   */
  source: string;
  /**
   * its detail-type (default: the event's name)
   */
  detailType?: string;
  /**
   * the JSON Schema (draft 2020-12) of its detail: a .json/.yaml file in the project, or inline
   */
  schema: string | {};
  /**
   * the functions that put it (each needs uses: - bus: <its bus>)
   */
  producers?: string[];
}
