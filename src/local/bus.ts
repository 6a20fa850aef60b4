// EventBridge: PutEvents onto a bus, every enabled rule on that bus whose pattern matches
// sends the event (or the target's constant input / input path) to each target; schedule
// rules fire on time. A target that cannot be reached sends the event to the rule's DLQ.
import { compilePattern } from '../pattern/index.js';
import type { App, RuleModel, TargetModel } from '../model/types.js';
import { Expr } from '../model/values.js';
import type { Addresses } from './addresses.js';
import { query } from './asl/jsonpath.js';
import { parseInputTemplate, renderInputTemplate } from '../model/input-template.js';
import type { TimerClock, Timer } from './clock.js';
import { eventBridgeEvent, scheduledEvent, type EventBridgeEvent } from './payloads.js';
import { nextFire } from '../core/schedule.js';
import type { ErrorInfo, Trace } from './trace.js';
import { contractViolation } from './event-contracts.js';

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number | Date;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** Where rule targets lead; the runtime wires these to functions, queues, topics, workflows. */
export interface TargetSinks {
  function(name: string, payload: unknown, trigger: string): void;
  queue(name: string, body: string, groupId: string): void;
  topic(name: string, message: string): void;
  workflow(name: string, input: unknown): Promise<unknown>;
  /** Calls an API destination (an http target); rejects when the call fails. */
  http(rule: RuleModel, target: TargetModel, body: string): Promise<void>;
  /** Forwards the event to another bus. */
  bus(name: string, event: EventBridgeEvent): void;
  /** The rule's dead-letter queue (body: the event). */
  deadLetter(queue: string, event: EventBridgeEvent, error: ErrorInfo, rule: RuleModel, target: TargetModel): void;
}

interface CompiledRule {
  model: RuleModel;
  matches: (event: unknown) => boolean;
}

export interface BusesDeps {
  app: App;
  addresses: Addresses;
  trace: Trace;
  clock: TimerClock;
  sinks: TargetSinks;
}

export class EventBuses {
  private rules: CompiledRule[] = [];
  private timers = new Map<string, Timer>();
  private stopped = false;

  constructor(private readonly deps: BusesDeps) {
    for (const rule of deps.app.rules) {
      if (!rule.pattern || !rule.enabled) continue;
      try {
        this.rules.push({ model: rule, matches: compilePattern(deps.addresses.resolveDeep(rule.pattern)) });
      } catch (error) {
        deps.trace.emit({ kind: 'warn', message: `rule ${rule.name}: invalid pattern (${(error as Error).message}); it matches nothing` });
      }
    }
  }

  /** True when the bus exists (default always does). */
  has(bus: string): boolean {
    return bus === 'default' || this.deps.app.buses.some((b) => b.name === bus);
  }

  putEvents(entries: PutEventsEntry[]): { Entries: PutEventsResultEntry[]; FailedEntryCount: number } {
    const results: PutEventsResultEntry[] = [];
    let failed = 0;
    for (const entry of entries) {
      const r = this.putOne(entry);
      if ('ErrorCode' in r) failed++;
      results.push(r);
    }
    return { Entries: results, FailedEntryCount: failed };
  }

  private putOne(entry: PutEventsEntry): PutEventsResultEntry {
    const { addresses } = this.deps;
    if (!entry.Source) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' };
    if (!entry.DetailType) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' };
    if (entry.Detail === undefined) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' };
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const bus = addresses.busByNameOrArn(entry.EventBusName);
    if (!bus) return { ErrorCode: 'NotFoundException', ErrorMessage: `Event bus ${entry.EventBusName} does not exist.` };
    // the JSON protocol sends timestamps as epoch seconds
    const time = entry.Time === undefined ? this.deps.clock.now() : typeof entry.Time === 'number' ? entry.Time * 1000 : new Date(entry.Time).getTime();
    const event = eventBridgeEvent({ source: entry.Source, detailType: entry.DetailType, detail, resources: entry.Resources, region: addresses.region, time: Number.isNaN(time) ? this.deps.clock.now() : time });
    this.route(bus, event);
    return { EventId: event.id };
  }

  /** Sends an event through the rules of a bus. */
  route(bus: string, event: EventBridgeEvent): void {
    this.deps.trace.emit({ kind: 'bus', bus, eventId: event.id, source: event.source, detailType: event['detail-type'] });
    const broken = contractViolation(this.deps.app, bus, event);
    if (broken) this.deps.trace.emit(broken);
    for (const rule of this.rules) {
      if (rule.model.bus !== bus || !rule.matches(event)) continue;
      this.deps.trace.emit({ kind: 'rule', rule: rule.model.name, bus, eventId: event.id, targets: rule.model.targets.map((t) => `${t.kind} ${t.name}`) });
      for (const target of rule.model.targets) this.deliver(rule.model, target, event);
    }
  }

  private deliver(rule: RuleModel, target: TargetModel, event: EventBridgeEvent): void {
    const { sinks } = this.deps;
    const fail = (error: unknown) => {
      const info: ErrorInfo = { type: (error as { code?: string }).code ?? (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) };
      this.deps.trace.emit({ kind: 'delivery', rule: rule.name, target: `${target.kind} ${target.name}`, eventId: event.id, ok: false, error: info, dlq: rule.dlq });
      if (rule.dlq) sinks.deadLetter(rule.dlq, event, info, rule, target);
    };
    try {
      const transformed = target.inputTransformer ? transformInput(target.inputTransformer, event, rule, this.deps.addresses, this.deps.clock.now()) : undefined;
      const payload = transformed !== undefined ? tryJson(transformed) : targetPayload(target, event, this.deps.addresses);
      const text = transformed ?? (typeof payload === 'string' ? payload : JSON.stringify(payload));
      switch (target.kind) {
        case 'function':
          sinks.function(target.name, payload, `rule ${rule.name}`);
          break;
        case 'queue':
          sinks.queue(target.name, text, rule.name);
          break;
        case 'topic':
          sinks.topic(target.name, text);
          break;
        case 'workflow':
          sinks.workflow(target.name, payload).catch(fail);
          break;
        case 'http':
          sinks.http(rule, target, text).catch(fail);
          break;
        case 'bus': {
          if (target.input !== undefined || target.inputPath) throw new Error('a bus target forwards the event unchanged');
          const arn = target.arn === undefined ? undefined : this.deps.addresses.resolve(target.arn);
          const local = arn === undefined ? target.name : this.localBus(arn);
          if (local === undefined) this.deps.trace.emit({ kind: 'external', rule: rule.name, arn: arn!, eventId: event.id });
          else sinks.bus(local, event);
          break;
        }
      }
    } catch (error) {
      fail(error);
    }
  }

  /** The app's bus an ARN names, if it is this app's (same account, region and name). */
  private localBus(arn: string): string | undefined {
    const { addresses } = this.deps;
    const bus = addresses.busByNameOrArn(arn);
    return bus !== undefined && addresses.busArn(bus) === arn ? bus : undefined;
  }

  /** Arms every schedule rule. */
  startSchedules(): void {
    const since = this.deps.clock.now();
    for (const rule of this.deps.app.rules) {
      if (!rule.schedule || !rule.enabled) continue;
      this.arm(rule, since, since);
    }
  }

  /** The next time each schedule rule fires (for the ready message and tests). */
  nextFirings(): Record<string, number | undefined> {
    const now = this.deps.clock.now();
    return Object.fromEntries(this.deps.app.rules.filter((r) => r.schedule).map((r) => [r.name, nextFire(r.schedule!, now, now)]));
  }

  private arm(rule: RuleModel, after: number, since: number): void {
    if (this.stopped) return;
    let at: number | undefined;
    try {
      at = nextFire(rule.schedule!, after, since);
    } catch (error) {
      this.deps.trace.emit({ kind: 'warn', message: `rule ${rule.name}: ${(error as Error).message}` });
      return;
    }
    if (at === undefined) return;
    const delay = Math.min(at - this.deps.clock.now(), 2 ** 31 - 1);
    this.timers.set(
      rule.name,
      this.deps.clock.after(delay, () => {
        if (this.deps.clock.now() < at) return this.arm(rule, after, since); // a very long wait, re-armed
        this.fire(rule, at);
        this.arm(rule, at, since);
      }, { what: `schedule ${rule.name}`, recurring: true }),
    );
  }

  /** Delivers a scheduled event for the rule now (also used by tests). */
  fire(rule: RuleModel, at: number): void {
    const event = scheduledEvent(this.deps.addresses.ruleArn(rule.name, rule.bus), this.deps.addresses.region, at);
    this.deps.trace.emit({ kind: 'rule', rule: rule.name, bus: rule.bus, eventId: event.id, targets: rule.targets.map((t) => `${t.kind} ${t.name}`), schedule: rule.schedule });
    for (const target of rule.targets) this.deliver(rule, target, event);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}

/** What a rule target receives: its constant input, the part its input path selects, or the event. */
export function targetPayload(target: TargetModel, event: EventBridgeEvent, addresses: Addresses): unknown {
  if (target.input !== undefined) return typeof target.input === 'string' || target.input instanceof Expr ? tryJson(addresses.resolve(target.input)) : addresses.resolveDeep(target.input);
  if (target.inputPath) {
    const r = query(target.inputPath, event);
    return r.found ? r.value : null;
  }
  return event;
}

/**
 * The text an input transformer sends: the template with each placeholder filled from the event
 * (its input path) or by EventBridge (aws.events.*), quoted as the AWS documentation shows.
 */
export function transformInput(t: NonNullable<TargetModel['inputTransformer']>, event: EventBridgeEvent, rule: RuleModel, addresses: Addresses, now: number): string {
  const value = (name: string): unknown => {
    switch (name) {
      case 'aws.events.rule-name':
        return addresses.ruleArn(rule.name, rule.bus).split('/').pop();
      case 'aws.events.rule-arn':
        return addresses.ruleArn(rule.name, rule.bus);
      case 'aws.events.event.ingestion-time':
        return new Date(now).toISOString();
      case 'aws.events.event': {
        const { detail: _detail, ...rest } = event;
        return rest;
      }
      case 'aws.events.event.json':
        return event;
    }
    const path = t.paths[name];
    if (path === undefined) return undefined;
    const r = query(path, event);
    return r.found ? r.value : undefined;
  };
  return renderInputTemplate(parseInputTemplate(t.template), value);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
