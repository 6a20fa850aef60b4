// Follows a stack operation until the stack settles: polls DescribeStacks and the
// new DescribeStackEvents (newest first, paged back to the last event seen before
// the operation began) and feeds them to a progress sink (the CLI draws it).
import type { CfnApi, Clock, Stack, StackEvent } from './api.js';
import { isInProgress } from './status.js';

/** Where a followed operation's events go; the CLI's progress renderer is one. */
export interface ProgressSink {
  /** The stack's status from the last stack event seen. */
  readonly status: string | undefined;
  /** New events, oldest first (duplicates may come again). */
  onEvents(events: StackEvent[]): void;
  /** Time passes: a chance to redraw. */
  tick(): void;
  /** Watching ends; nothing more is drawn. */
  stop(): void;
}

export interface WatchOptions {
  cfn: CfnApi;
  clock: Clock;
  /** Stack ID (preferred: it still resolves once the stack is deleted) or name. */
  stack: string;
  stackName: string;
  /** ID of the newest event before the operation began; only later events are shown. */
  marker?: string;
  /** Status before the operation: until it changes (or an event arrives) the operation has not begun. */
  statusBefore?: string;
  renderer?: ProgressSink;
  pollMs?: number;
  /** Redraw the status line this often between polls (TTY). */
  tickMs?: number;
  signal?: AbortSignal;
  /** Give up waiting for an operation that never starts after this long (ms). */
  startTimeoutMs?: number;
}

export interface WatchResult {
  status: string;
  reason?: string;
  stack?: Stack;
  /** Every event of the operation, oldest first. */
  events: StackEvent[];
  /** The user stopped watching (Ctrl-C); the operation goes on. */
  detached: boolean;
}

/** Events newer than marker, oldest first (pages back until the marker is found). */
export async function eventsSince(cfn: CfnApi, stack: string, marker: string | undefined, seen: Set<string>): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let token: string | undefined;
  let pages = 0;
  outer: do {
    const page = await cfn.describeStackEvents(stack, token);
    pages++;
    for (const e of page.events) {
      if (marker && e.EventId === marker) break outer;
      if (e.EventId && seen.has(e.EventId)) break outer;
      fresh.push(e);
    }
    token = page.nextToken;
  } while (token && pages < 20);
  for (const e of fresh) if (e.EventId) seen.add(e.EventId);
  return fresh.reverse();
}

/** The newest event's ID, to mark where an operation begins. */
export async function latestEventId(cfn: CfnApi, stack: string): Promise<string | undefined> {
  const page = await cfn.describeStackEvents(stack);
  return page.events[0]?.EventId;
}

export async function watchStack(options: WatchOptions): Promise<WatchResult> {
  const { cfn, clock, renderer } = options;
  const pollMs = options.pollMs ?? 2_000;
  const tickMs = options.tickMs ?? 250;
  const seen = new Set<string>();
  const all: StackEvent[] = [];
  const startedAt = clock.now();
  let begun = false;
  let first = true;
  let lastStackEvent: string | undefined;
  let terminalPolls = 0;
  for (;;) {
    if (!first) {
      // Sleep in short slices so the status line keeps time.
      const until = clock.now() + pollMs;
      while (clock.now() < until && !options.signal?.aborted) {
        await clock.sleep(Math.min(tickMs, until - clock.now()), options.signal);
        renderer?.tick();
      }
    }
    first = false;
    if (options.signal?.aborted) {
      renderer?.stop();
      // The operation went on while we watched the clock: say where it stands now.
      const now = await currentStatus(cfn, options.stack);
      return { status: now ?? renderer?.status ?? options.statusBefore ?? 'UNKNOWN', events: all, detached: true };
    }
    const [stack, fresh] = await Promise.all([cfn.describeStack(options.stack), eventsSince(cfn, options.stack, options.marker, seen)]);
    all.push(...fresh);
    renderer?.onEvents(fresh);
    for (const e of fresh) {
      if (e.ResourceType === 'AWS::CloudFormation::Stack' && (e.LogicalResourceId === options.stackName || e.PhysicalResourceId === e.StackId)) {
        lastStackEvent = e.ResourceStatus;
      }
    }
    // DescribeStacks can lag behind the events (or the other way round): the operation has
    // ended only when both say so.
    const described = stack?.StackStatus ?? 'DELETE_COMPLETE';
    terminalPolls = isInProgress(described) ? 0 : terminalPolls + 1;
    const eventsLag = lastStackEvent && isInProgress(lastStackEvent) && !isInProgress(described) && terminalPolls < 3;
    const status = eventsLag ? lastStackEvent! : described;
    if (fresh.length > 0 || described !== options.statusBefore) begun = true;
    const waitedTooLong = clock.now() - startedAt > (options.startTimeoutMs ?? 60_000);
    // REVIEW_IN_PROGRESS counts as "in progress" while a create waits to begin; it settles
    // only if the operation never begins.
    const settled = !isInProgress(status) || (status === 'REVIEW_IN_PROGRESS' && !begun && waitedTooLong);
    if (settled && (begun || waitedTooLong)) {
      // One more read, so the last events before the final status are shown.
      const tail = await eventsSince(cfn, options.stack, options.marker, seen);
      all.push(...tail);
      renderer?.onEvents(tail);
      renderer?.stop();
      return { status, reason: stack?.StackStatusReason, stack, events: all, detached: false };
    }
    renderer?.tick();
  }
}

/** The stack's status, or undefined when it cannot be read (the call is bounded by the request timeout). */
async function currentStatus(cfn: CfnApi, stack: string): Promise<string | undefined> {
  try {
    return (await cfn.describeStack(stack))?.StackStatus;
  } catch {
    return undefined;
  }
}

/**
 * The events of the stack's latest operation so far (oldest first), found by paging
 * back to its first stack-level *_IN_PROGRESS event, and the newest event's ID.
 */
export async function latestOperation(cfn: CfnApi, stack: string, stackName: string): Promise<{ events: StackEvent[]; newest?: string }> {
  const collected: StackEvent[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = await cfn.describeStackEvents(stack, token);
    for (const e of page.events) {
      collected.push(e);
      const isStack = e.ResourceType === 'AWS::CloudFormation::Stack' && (e.LogicalResourceId === stackName || e.PhysicalResourceId === e.StackId);
      const status: string = e.ResourceStatus ?? '';
      if (isStack && /_IN_PROGRESS$/.test(status) && !/ROLLBACK|CLEANUP/.test(status) && status !== 'REVIEW_IN_PROGRESS') {
        collected.reverse();
        return { events: collected, newest: collected[collected.length - 1]?.EventId };
      }
    }
    token = page.nextToken;
    if (!token) break;
  }
  collected.reverse();
  return { events: collected, newest: collected[collected.length - 1]?.EventId };
}
