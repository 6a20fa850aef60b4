import { describe, expect, it } from 'vitest';
import { EdaError, UsageError } from '../../src/core/errors.js';
import { missingFlags, planAdd, tasksDefinition } from '../../src/scaffold/add/kinds.js';
import { parseTarget, parseTrigger, parseUse } from '../../src/kinds/scaffold-specs.js';
import { usesChoices } from '../../src/kinds/function/uses-choices.js';
import { findReferrers, Inventory } from '../../src/scaffold/inventory.js';
import type { Prompter } from '../../src/core/prompts.js';

const manifest = {
  name: 'shop',
  functions: {
    createOrder: { triggers: [{ http: 'POST /orders' }], uses: [{ table: 'orders' }, { bus: 'orders' }], environment: { Q: '${queues.payments.url}' } },
    notify: { triggers: [{ topic: 'events' }] },
    settle: { triggers: [{ queue: 'payments' }], onFailure: { queue: 'failures' } },
  },
  tables: { orders: { partitionKey: 'id' } },
  queues: { payments: {}, failures: {} },
  topics: { events: { subscriptions: [{ queue: 'payments' }] } },
  buses: { orders: {} },
  rules: { placed: { bus: 'orders', pattern: { source: ['x'] }, targets: [{ workflow: 'fulfil' }] } },
  workflows: { fulfil: { definition: { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'settle', End: true } } } } },
  overrides: { PaymentsQueue: { Properties: {} } },
};

/** Answers questions from a script, in order, and records them. */
function scripted(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = async (q: { message: string }) => {
    asked.push(q.message);
    if (answers.length === 0) throw new Error(`unexpected question: ${q.message}`);
    return answers.shift() as never;
  };
  return { asked, input: next, select: next, checkbox: next, confirm: next };
}

describe('flag specs', () => {
  it('parses triggers, uses and targets', () => {
    expect(parseTrigger('http:post /orders').trigger).toEqual({ http: 'POST /orders' });
    expect(parseTrigger('schedule:cron(0 2 * * ? *)').trigger).toEqual({ schedule: 'cron(0 2 * * ? *)' });
    expect(parseTrigger('event:orders:{"source":["a"]}').trigger).toEqual({ event: { bus: 'orders', pattern: { source: ['a'] } } });
    expect(parseTrigger('event:{"source":["a"]}').trigger).toEqual({ event: { pattern: { source: ['a'] } } });
    expect(parseUse('table:orders:write').use).toEqual({ table: 'orders', access: 'write' });
    expect(parseUse('secret:arn:aws:secretsmanager:eu-west-1:1:secret:x').use).toEqual({ secret: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' });
    expect(parseTarget('workflow:fulfil').target).toEqual({ workflow: 'fulfil' });
    expect(() => parseTrigger('http:FETCH /x')).toThrow(UsageError);
    expect(() => parseUse('table:orders:all')).toThrow(UsageError);
    expect(() => parseTarget('lambda:x')).toThrow(UsageError);
  });

  it('refuses a schedule EventBridge would refuse, with the reason validate gives, before anything is asked or written', async () => {
    // Five cron fields (a Unix cron) looked like a schedule to a shape check; AWS's cron has six.
    expect(() => parseTrigger('schedule:cron(0 2 * * *)')).toThrow(/has 5 fields; EventBridge cron has 6/);
    await expect(planAdd('schedule', 's', { expression: 'rate(1 days)', target: ['function:notify'] }, manifest, undefined)).rejects.toThrow(/singular unit/);
  });
});

describe('referrers', () => {
  it('finds every kind of reference', () => {
    const labels = (kind: Parameters<typeof findReferrers>[1], name: string) => findReferrers(manifest, kind, name).map((r) => r.label);
    expect(labels('queue', 'payments')).toEqual(['functions.settle.triggers[0]', 'topics.events.subscriptions[0]', 'functions.createOrder.environment.Q', 'overrides.PaymentsQueue']);
    expect(labels('queue', 'failures')).toEqual(['functions.settle.onFailure']);
    expect(labels('function', 'settle')).toEqual(['workflows.fulfil.definition.States.A.Resource']);
    expect(labels('bus', 'orders')).toEqual(['functions.createOrder.uses[1]', 'rules.placed.bus']);
    expect(labels('workflow', 'fulfil')).toEqual(['rules.placed.targets[0]']);
    expect(labels('topic', 'events')).toEqual(['functions.notify.triggers[0]']);
    expect(labels('function', 'notify')).toEqual([]);
  });

  it('finds who uses a bucket, and what a schedule targets', () => {
    const m = {
      name: 'files',
      buckets: { media: {} },
      functions: { thumb: { uses: [{ bucket: 'media' }], triggers: [{ bucket: 'media' }], environment: { B: '${buckets.media.arn}' } }, report: {} },
      schedules: { nightly: { expression: 'rate(1 day)', target: { function: 'report' } } },
    };
    expect(findReferrers(m, 'bucket', 'media').map((r) => r.label)).toEqual(['functions.thumb.uses[0]', 'functions.thumb.triggers[0]', 'functions.thumb.environment.B']);
    expect(findReferrers(m, 'function', 'report').map((r) => r.label)).toEqual(['schedules.nightly.target']);
  });
});

describe('planAdd', () => {
  it('builds the entry from flags', async () => {
    const plan = await planAdd('queue', 'refunds', { fifo: true, dlqMaxReceives: '5' }, manifest, undefined);
    expect(plan.ops).toEqual([{ op: 'insert', path: ['queues'], key: 'refunds', value: { fifo: true, dlq: { maxReceives: 5 } } }]);
    const rule = await planAdd('rule', 'r', { bus: 'orders', pattern: '{"source":["x"]}', target: ['function:notify'] }, manifest, undefined);
    expect(rule.ops[0]).toMatchObject({ value: { bus: 'orders', pattern: { source: ['x'] }, targets: [{ function: 'notify' }] } });
    const schedule = await planAdd('schedule', 's', { expression: 'rate(1 day)', target: ['function:notify'] }, manifest, undefined);
    expect(schedule.ops[0]).toEqual({ op: 'insert', path: ['schedules'], key: 's', value: { expression: 'rate(1 day)', target: { function: 'notify' } } });
    const zoned = await planAdd('schedule', 'z', { expression: 'at(2030-01-01T09:00:00)', timezone: 'Europe/Paris', window: '15m', target: ['queue:payments'] }, manifest, undefined);
    expect(zoned.ops[0]).toMatchObject({ value: { expression: 'at(2030-01-01T09:00:00)', timezone: 'Europe/Paris', window: '15m', target: { queue: 'payments' } } });
    await expect(planAdd('schedule', 'bad', { expression: 'rate(1 day)', timezone: 'Europe/Pariss', target: ['function:notify'] }, manifest, undefined)).rejects.toThrow(/not an IANA time zone/);
    await expect(planAdd('schedule', 'two', { expression: 'rate(1 day)', target: ['function:notify', 'queue:payments'] }, manifest, undefined)).rejects.toThrow(/one target/);
    const scheduledRule = await planAdd('rule', 'hourly', { expression: 'rate(1 hour)', target: ['function:notify'] }, manifest, undefined);
    expect(scheduledRule.ops[0]).toMatchObject({ path: ['rules'], value: { schedule: 'rate(1 hour)', targets: [{ function: 'notify' }] } });
    const bucket = await planAdd('bucket', 'uploads', { versioning: true }, manifest, undefined);
    expect(bucket.ops).toEqual([{ op: 'insert', path: ['buckets'], key: 'uploads', value: { versioning: true } }]);
    const route = await planAdd('route', 'get /orders', { function: 'notify' }, manifest, undefined);
    expect(route.ops).toEqual([{ op: 'append', path: ['functions', 'notify', 'triggers'], item: { http: 'GET /orders' } }]);
  });

  it('refuses names and references that do not fit', async () => {
    await expect(planAdd('queue', 'payments', {}, manifest, undefined)).rejects.toThrow(/already exists/);
    await expect(planAdd('queue', 'Payments!', {}, manifest, undefined)).rejects.toThrow(/not a valid/);
    await expect(planAdd('topic', 'Events', {}, manifest, undefined)).rejects.toBeInstanceOf(EdaError);
    await expect(planAdd('function', 'x', { uses: ['queue:paymens'] }, manifest, undefined)).rejects.toMatchObject({ message: expect.stringContaining("no queue named 'paymens'"), hint: "did you mean 'payments'?" });
    await expect(planAdd('route', 'POST /orders', { function: 'notify' }, manifest, undefined)).rejects.toThrow(/already exists/);
    await expect(planAdd('bus', 'default', {}, manifest, undefined)).rejects.toThrow(/already exists/);
  });

  it('asks in a terminal for what flags left out, offering what exists', async () => {
    const prompter = scripted(['queue', 'payments', [{ table: 'orders' }]]);
    const plan = await planAdd('function', 'worker', {}, manifest, prompter);
    expect(plan.ops[0]).toMatchObject({ value: { uses: [{ table: 'orders' }], triggers: [{ queue: 'payments' }] } });
    expect(prompter.asked).toEqual(['What invokes it?', 'Which queue?', 'What may it use? (space to select, enter to confirm)']);
  });

  it('the interactive uses list offers everything --uses takes', async () => {
    const offered = usesChoices(new Inventory(manifest)).map((c) => c.value);
    for (const flag of ['table:orders', 'table:orders:read', 'table:orders:write', 'queue:payments', 'topic:events', 'bus:default', 'bus:orders', 'workflow:fulfil', 'function:notify']) {
      expect(offered, flag).toContainEqual(parseUse(flag).use);
    }
    const prompter = scripted(['none', [offered.at(-1), offered.find((u) => u.access === 'write')], 'stripe-key']);
    const plan = await planAdd('function', 'worker', {}, manifest, prompter);
    expect(plan.ops[0]).toMatchObject({ value: { uses: [{ secret: 'stripe-key' }, { table: 'orders', access: 'write' }] } });
    expect(prompter.asked.at(-1)).toBe('Secret name or ARN');
  });

  it('--yes in a terminal asks only what is required', async () => {
    const prompter = scripted(['notify']);
    await planAdd('route', 'GET /x', { yes: true }, manifest, prompter);
    expect(prompter.asked).toEqual(['Which function serves it?']);
  });

  it('lists the flags a script must pass', () => {
    expect(missingFlags('rule', 'r', {})).toEqual(['--pattern <json>', '--target <kind:name>']);
    expect(missingFlags('subscription', 'events', {})).toEqual(['one of --queue, --email, --https, --function']);
    expect(missingFlags('queue', undefined, {})).toEqual(['the name: eda add queue <name>']);
  });

  it("chains tasks into a workflow definition, each retrying Lambda's transient errors", () => {
    const Retry = [{ ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }];
    expect(tasksDefinition(['validate-order', 'ship'])).toEqual({
      StartAt: 'ValidateOrder',
      States: { ValidateOrder: { Type: 'Task', Resource: 'validate-order', Retry, Next: 'Ship' }, Ship: { Type: 'Task', Resource: 'ship', Retry, End: true } },
    });
  });
});
