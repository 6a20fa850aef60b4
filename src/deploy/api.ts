// The seam between the deploy logic and AWS. Everything in src/deploy talks to
// CloudFormation and S3 through these two small interfaces; aws.ts implements them
// with the AWS SDK, and the unit tests pass fakes.
import type {
  ChangeSetSummary,
  CreateChangeSetInput,
  DeleteStackInput,
  DescribeChangeSetOutput,
  ExecuteChangeSetInput,
  Stack,
  StackEvent,
  StackResourceSummary,
} from '@aws-sdk/client-cloudformation';

import type { Clock } from '../core/clock.js';
import type { DriftApi } from './drift.js';

export type { ChangeSetSummary, Stack, StackEvent, StackResourceSummary, DescribeChangeSetOutput, CreateChangeSetInput };

export interface CfnApi {
  /** The stack, or undefined when it does not exist. Accepts a name or a stack ID (deleted stacks too). */
  describeStack(stackName: string): Promise<Stack | undefined>;
  /** The template body as stored ('Original': as submitted, before transforms). */
  getTemplate(stackName: string, stage?: 'Original' | 'Processed'): Promise<string | undefined>;
  createChangeSet(input: CreateChangeSetInput): Promise<{ Id?: string; StackId?: string }>;
  /** One change set with all its changes (every page). */
  describeChangeSet(changeSetName: string, stackName: string): Promise<DescribeChangeSetOutput>;
  deleteChangeSet(changeSetName: string, stackName: string): Promise<void>;
  /** The stack's change sets (none when the stack does not exist). */
  listChangeSets(stackName: string): Promise<ChangeSetSummary[]>;
  executeChangeSet(input: ExecuteChangeSetInput): Promise<void>;
  /** One page of events, newest first. */
  describeStackEvents(stackName: string, nextToken?: string): Promise<{ events: StackEvent[]; nextToken?: string }>;
  listStackResources(stackName: string): Promise<StackResourceSummary[]>;
  deleteStack(input: DeleteStackInput): Promise<void>;
}

export interface S3Api {
  /** Whether the bucket exists (and these credentials may use it; a denial is an error). */
  headBucket(bucket: string): Promise<boolean>;
  /** Undefined when the object does not exist. */
  headObject(bucket: string, key: string): Promise<{ lastModified?: Date } | undefined>;
  putObject(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Copies an object onto itself so that lifecycle expiry counts from now. */
  touchObject(bucket: string, key: string): Promise<void>;
}

export interface AwsApi {
  cfn: CfnApi;
  s3: S3Api;
  region: string;
  /** A custom endpoint (a local emulator), if any. */
  endpoint?: string;
  /** Drift detection (eda diff); absent in fakes that do not script it. */
  drift?: DriftApi;
}

export type { Clock } from '../core/clock.js';

/** Real time; an aborted sleep resolves at once (the loops look at the signal themselves). */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
