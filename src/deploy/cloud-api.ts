// The seam to the services the cloud inner loop reads and changes besides CloudFormation:
// CloudWatch Logs (eda logs), Lambda (eda invoke --remote), and the retained data stores
// (eda destroy --purge). aws-cloud.ts implements it with the AWS SDK; tests pass fakes.

export interface LogEvent {
  logGroupName: string;
  logStreamName?: string;
  timestamp: number;
  message: string;
  eventId?: string;
}

export interface FilterInput {
  logGroupName: string;
  startTime: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
}

export interface LogsApi {
  /**
   * One page of FilterLogEvents. `throttled` when CloudWatch Logs kept throttling after the
   * usual retries (a follow backs off further); `missing` when the log group does not exist
   * (yet: Lambda creates nothing until the first invocation).
   */
  filterLogEvents(input: FilterInput): Promise<{ events: LogEvent[]; nextToken?: string; throttled?: boolean; missing?: boolean }>;
}

export interface InvokeInput {
  functionName: string;
  payload: string;
  async: boolean;
}

export interface InvokeOutput {
  statusCode?: number;
  functionError?: string;
  /** The last 4 KB of the log, decoded (RequestResponse with LogType Tail only). */
  logTail?: string;
  payload?: string;
  executedVersion?: string;
  /** Lambda's request ID of the invocation (x-amzn-RequestId). */
  requestId?: string;
}

export interface LambdaApi {
  invoke(input: InvokeInput): Promise<InvokeOutput>;
}

export interface PurgeApi {
  /** Deletes the table; false when it was already gone. */
  deleteTable(name: string): Promise<boolean>;
  /** Deletes the queue (its URL); false when it was already gone. */
  deleteQueue(url: string): Promise<boolean>;
  /** Deletes every object (and version) in the bucket, then the bucket; the number of objects deleted, or undefined when it was already gone. */
  emptyAndDeleteBucket(name: string): Promise<number | undefined>;
  /** Deletes the log group; false when it was already gone. */
  deleteLogGroup(name: string): Promise<boolean>;
}

export interface CloudApi {
  logs: LogsApi;
  lambda: LambdaApi;
  purge: PurgeApi;
  code: CodeApi;
}

// Hot-swap deploys (eda deploy --hotswap, eda watch): a function's code and a state
// machine's definition, changed directly, outside CloudFormation.

export interface FunctionState {
  functionArn?: string;
  /** Base64 SHA-256 of the deployment package, as Lambda reports it. */
  codeSha256?: string;
  /** Pending | Active | Inactive | Failed */
  state?: string;
  /** InProgress | Successful | Failed */
  lastUpdateStatus?: string;
  lastUpdateStatusReason?: string;
}

export interface CodeApi {
  /** GetFunction's configuration; undefined when the function does not exist. */
  getFunction(name: string): Promise<FunctionState | undefined>;
  /** UpdateFunctionCode from an S3 object. */
  updateFunctionCode(input: { functionName: string; bucket: string; key: string }): Promise<FunctionState>;
  /** DescribeStateMachine's definition; undefined when the state machine does not exist. */
  describeStateMachine(arn: string): Promise<{ definition?: string } | undefined>;
  /** UpdateStateMachine with a new definition (everything else stays). */
  updateStateMachine(input: { stateMachineArn: string; definition: string }): Promise<void>;
}
