// eda logs: the deployed functions' (and workflows', APIs') log events, interleaved by
// time, each line prefixed with its source's name in its own colour; --follow tails them.
import type { ChalkInstance } from 'chalk';
import { EdaError } from '../../core/errors.js';
import { realClock, type Clock } from '../../deploy/api.js';
import type { CloudApi } from '../../deploy/cloud-api.js';
import { connect } from '../../deploy/connect.js';
import { parseLogLine } from '../../deploy/log-lines.js';
import { checkNames, chooseSources, followLogs, logSources, parseSince, readLogs, type LogSource, type SourcedEvent } from '../../deploy/logs.js';
import { loadApp, type AppFlags } from '../load-app.js';
import { interruptible } from '../kit/interrupt.js';
import { createUi, type Ui } from '../kit/output.js';

export interface LogsOptions extends AppFlags {
  since?: string;
  follow?: boolean;
  filter?: string;
}

export interface LogsDeps {
  ui?: Ui;
  cloud?: CloudApi;
  clock?: Clock;
  signal?: AbortSignal;
}

const COLOURS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'redBright', 'cyanBright', 'magentaBright'] as const;
const LEVEL_COLOUR: Record<string, 'red' | 'yellow' | 'dim' | undefined> = { ERROR: 'red', FATAL: 'red', WARN: 'yellow', DEBUG: 'dim', TRACE: 'dim' };
const QUIET = new Set(['START', 'END', 'REPORT', 'INIT_START', 'INIT_REPORT', 'RUNTIMEDONE', 'INITSTART', 'INITREPORT', 'INITRUNTIMEDONE']);

function time(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** One readable line: time, name (in its colour), level, message, short request ID. */
export function renderEvent(e: SourcedEvent, color: ChalkInstance, width: number, colourOf: (s: LogSource) => string): string {
  const line = parseLogLine(e.message);
  const paintName = (color as unknown as Record<string, (s: string) => string>)[colourOf(e.source)] ?? ((s: string) => s);
  const level = line.level ? `${line.level} ` : '';
  const levelColour = line.level ? LEVEL_COLOUR[line.level] : undefined;
  const paintedLevel = levelColour ? color[levelColour](level) : QUIET.has(line.level ?? '') ? color.dim(level) : level;
  const rid = line.requestId ? color.dim(`  ${line.requestId.slice(0, 8)}`) : '';
  const message = line.message.replace(/\n/g, `\n${' '.repeat(13 + width + 2)}`);
  return `${color.dim(time(e.timestamp))} ${paintName(e.source.name.padEnd(width))}  ${paintedLevel}${message}${rid}`;
}

export function eventObject(e: SourcedEvent) {
  const line = parseLogLine(e.message);
  return {
    [e.source.kind]: e.source.name,
    time: new Date(e.timestamp).toISOString(),
    ...(line.level ? { level: line.level } : {}),
    message: line.message,
    ...(line.requestId ? { requestId: line.requestId } : {}),
    logGroup: e.logGroupName,
    ...(e.logStreamName ? { logStream: e.logStreamName } : {}),
  };
}

export async function logsCommand(names: string[], opts: LogsOptions, deps: LogsDeps = {}): Promise<number> {
  const ui = deps.ui ?? createUi({ json: opts.json });
  const clock = deps.clock ?? realClock;
  const startTime = parseSince(opts.since ?? '10m', clock.now());
  const app = await loadApp(opts);
  const all = logSources(app.model);
  checkNames(all, names);
  const aws = await connect(opts, app.region);
  const stack = await aws.cfn.describeStack(app.stackName);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    throw new EdaError(`Stack ${app.stackName} is not deployed in ${aws.region}.`, 'Deploy it with `eda deploy`.');
  }
  const sources = chooseSources(all, names, await aws.cfn.listStackResources(stack.StackId ?? app.stackName), app.stackName);
  const cloud = deps.cloud ?? (await import('../../deploy/aws-cloud.js')).createCloudApi(aws, { profile: opts.profile, endpoint: opts.endpointUrl });
  const width = Math.max(...sources.map((s) => s.name.length));
  const colourOf = (s: LogSource) => COLOURS[all.indexOf(all.find((a) => a.logicalId === s.logicalId)!) % COLOURS.length]!;
  const emit = (events: SourcedEvent[]) => {
    for (const e of events) ui.out(opts.json ? JSON.stringify(eventObject(e)) : renderEvent(e, ui.color, width, colourOf));
  };
  if (!opts.follow) {
    const events = await readLogs(cloud.logs, sources, startTime, opts.filter);
    emit(events);
    if (!events.length && !opts.json) ui.err(`No log events since ${new Date(startTime).toISOString()}${opts.filter ? ` matching ${JSON.stringify(opts.filter)}` : ''}.`);
    return 0;
  }
  const interrupt = deps.signal ? undefined : interruptible();
  try {
    if (!opts.json) ui.err(ui.color.dim(`Following ${sources.map((s) => s.name).join(', ')} (Ctrl-C to stop)`));
    await followLogs({
      logs: cloud.logs,
      clock,
      sources,
      startTime,
      filterPattern: opts.filter,
      signal: deps.signal ?? interrupt!.signal,
      emit,
      onThrottled: (ms) => ui.err(ui.color.yellow(`CloudWatch Logs is throttling; next read in ${Math.round(ms / 1000)} s`)),
    });
    return deps.signal ? 0 : 130;
  } finally {
    interrupt?.dispose();
  }
}
