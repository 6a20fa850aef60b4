import { describe, expect, it } from 'vitest';
import { stringMatches } from '../../src/local/asl/choice.js';
import { StatesError } from '../../src/local/asl/errors.js';
import { evaluateIntrinsic } from '../../src/local/asl/intrinsics.js';
import { query, setPath } from '../../src/local/asl/jsonpath.js';
import { ManualClock, realClock } from '../../src/local/clock.js';
import { NamedError } from './helpers.js';
import { context, one, run } from './asl-helpers.js';


describe('JSONPath', () => {
  const data = { a: { b: [1, 2, 3], 'c d': 'x' }, items: [{ id: 1, price: 5 }, { id: 2, price: 15 }, { id: 3, price: 25 }] };
  it('reads definite and indefinite paths', () => {
    expect(query('$', data).value).toBe(data);
    expect(query('$.a.b[1]', data).value).toBe(2);
    expect(query('$.a.b[-1]', data).value).toBe(3);
    expect(query("$.a['c d']", data).value).toBe('x');
    expect(query('$.a.missing', data).found).toBe(false);
    expect(query('$.items[*].id', data).value).toEqual([1, 2, 3]);
    expect(query('$.items[0:2].id', data).value).toEqual([1, 2]);
    expect(query('$..price', data).value).toEqual([5, 15, 25]);
    expect(query('$.items[?(@.price > 10)].id', data).value).toEqual([2, 3]);
    expect(query('$.items[?(@.price > 10 && @.id != 3)].id', data).value).toEqual([2]);
    expect(query('$.items[?(@.missing)]', data).value).toEqual([]);
    expect(query('$$.Execution.Name', {}, context).value).toBe('exec-1');
  });
  it('writes reference paths without touching the original', () => {
    const input = { a: { b: 1 } };
    expect(setPath(input, '$.a.c', 2)).toEqual({ a: { b: 1, c: 2 } });
    expect(setPath(input, '$.x.y', 3)).toEqual({ a: { b: 1 }, x: { y: 3 } });
    expect(setPath(input, '$', 'whole')).toBe('whole');
    expect(input).toEqual({ a: { b: 1 } });
    expect(() => setPath(input, '$.a[*]', 1)).toThrow(/reference path/);
  });
});

describe('intrinsic functions', () => {
  const input = { name: 'Ada', n: 3, list: [1, 2, 2, 3], obj: { a: 1 }, json: '{"k":[1]}' };
  const cases: [string, unknown][] = [
    ["States.Format('Hello, {}! You have {} items.', $.name, $.n)", 'Hello, Ada! You have 3 items.'],
    ["States.Format('literal \\{\\} and {}', 'x')", 'literal {} and x'],
    ['States.StringToJson($.json)', { k: [1] }],
    ['States.JsonToString($.obj)', '{"a":1}'],
    ["States.Array('a', 1, true, null, $.n)", ['a', 1, true, null, 3]],
    ['States.ArrayPartition($.list, 3)', [[1, 2, 2], [3]]],
    ['States.ArrayContains($.list, 2)', true],
    ['States.ArrayContains($.list, 9)', false],
    ['States.ArrayRange(1, 9, 2)', [1, 3, 5, 7, 9]],
    ['States.ArrayGetItem($.list, 3)', 3],
    ['States.ArrayLength($.list)', 4],
    ['States.ArrayUnique($.list)', [1, 2, 3]],
    ["States.Base64Encode('Data to encode')", 'RGF0YSB0byBlbmNvZGU='],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", 'Data to encode'],
    ["States.Hash('input data', 'SHA-1')", 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ["States.JsonMerge($.obj, States.StringToJson('{\"b\":2}'), false)", { a: 1, b: 2 }],
    ['States.MathAdd($.n, -1)', 2],
    ["States.StringSplit('1,2,3', ',')", ['1', '2', '3']],
    ["States.StringSplit('This.is+a,test=string', '.+,=')", ['This', 'is', 'a', 'test', 'string']],
    ['States.ArrayLength(States.ArrayRange(1, 10, 1))', 10],
  ];
  for (const [expr, expected] of cases) it(expr, () => expect(evaluateIntrinsic(expr, input, context)).toEqual(expected));
  it('States.UUID and States.MathRandom', () => {
    expect(evaluateIntrinsic('States.UUID()', {}, context)).toMatch(/^[0-9a-f-]{36}$/);
    const r = evaluateIntrinsic('States.MathRandom(1, 10)', {}, context) as number;
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThan(10);
    expect(evaluateIntrinsic('States.MathRandom(1, 1000, 7)', {}, context)).toBe(evaluateIntrinsic('States.MathRandom(1, 1000, 7)', {}, context));
  });
  it('rejects bad calls with States.Runtime', () => {
    expect(() => evaluateIntrinsic('States.ArrayGetItem($.list, 9)', input, context)).toThrow(/out of bounds/);
    expect(() => evaluateIntrinsic("States.JsonMerge($.obj, $.obj, true)", input, context)).toThrow(/shallow/);
    expect(() => evaluateIntrinsic("States.Format('{}')", input, context)).toThrow(/more \{\}/);
    expect(() => evaluateIntrinsic('States.Nope()', input, context)).toThrow(StatesError);
  });
});

describe('state types', () => {
  it('Pass: Result, Parameters with paths, context and intrinsics, ResultPath, OutputPath', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.fromA', Next: 'B' },
        B: {
          Type: 'Pass',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id', 'exec.$': '$$.Execution.Name', 'state.$': '$$.State.Name', 'greeting.$': "States.Format('order {}', $.id)", fixed: { nested: true } },
          ResultPath: '$.built',
          Next: 'C',
        },
        C: { Type: 'Pass', OutputPath: '$.built', End: true },
      },
    };
    const { promise } = run(def, { order: { id: 'o1' } });
    // B's ResultPath writes into B's raw input, which InputPath narrowed only for Parameters
    expect(await promise).toEqual({ id: 'o1', exec: 'exec-1', state: 'B', greeting: 'order o1', fixed: { nested: true } });
  });

  it('Task: ResultSelector, ResultPath, and the effective input the resource sees', async () => {
    const seen: unknown[] = [];
    const def = one({ Type: 'Task', Resource: 'charge', Parameters: { 'amount.$': '$.total' }, ResultSelector: { 'paid.$': '$.ok', 'ref.$': '$.meta.ref' }, ResultPath: '$.payment' });
    const { promise } = run(def, { total: 42 }, { charge: (input) => (seen.push(input), { ok: true, meta: { ref: 'r1' }, noise: 1 }) });
    expect(await promise).toEqual({ total: 42, payment: { paid: true, ref: 'r1' } });
    expect(seen).toEqual([{ amount: 42 }]);
  });

  it('ResultPath null keeps the input; InputPath/OutputPath null give {}', async () => {
    expect(await run(one({ Type: 'Task', Resource: 't', ResultPath: null }), { keep: 1 }, { t: () => 'ignored' }).promise).toEqual({ keep: 1 });
    expect(await run(one({ Type: 'Pass', OutputPath: null }), { a: 1 }).promise).toEqual({});
    const seen: unknown[] = [];
    await run(one({ Type: 'Task', Resource: 't', InputPath: null }), { a: 1 }, { t: (i) => seen.push(i) }).promise;
    expect(seen).toEqual([{}]);
  });

  it('Choice: operators, And/Or/Not, Is*, *Path, StringMatches, Default, NoChoiceMatched', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.n', IsNumeric: true }, { Variable: '$.n', NumericGreaterThanPath: '$.limit' }], Next: 'Big' },
            { Or: [{ Variable: '$.s', StringMatches: 'log-*.txt' }, { Variable: '$.b', BooleanEquals: true }], Next: 'Match' },
            { Not: { Variable: '$.t', IsPresent: true }, Next: 'NoTime' },
            { Variable: '$.t', TimestampLessThan: '2020-01-01T00:00:00Z', Next: 'Old' },
          ],
          Default: 'Other',
        },
        Big: { Type: 'Pass', Result: 'big', End: true },
        Match: { Type: 'Pass', Result: 'match', End: true },
        NoTime: { Type: 'Pass', Result: 'no-time', End: true },
        Old: { Type: 'Pass', Result: 'old', End: true },
        Other: { Type: 'Pass', Result: 'other', End: true },
      },
    };
    expect(await run(def, { n: 5, limit: 3, t: 'x' }).promise).toBe('big');
    expect(await run(def, { n: 1, limit: 3, s: 'log-1.txt', t: 'x' }).promise).toBe('match');
    expect(await run(def, { n: 1, limit: 3, s: 'a', b: false }).promise).toBe('no-time');
    expect(await run(def, { n: 1, limit: 3, s: 'a', b: false, t: '2019-05-05T10:00:00Z' }).promise).toBe('old');
    expect(await run(def, { n: 'five', limit: 3, s: 1, b: 'x', t: '2030-01-01T00:00:00Z' }).promise).toBe('other');
    // as in AWS, a rule reading a missing variable (without IsPresent) fails the execution
    await expect(run(def, { n: 1, limit: 3 }).promise).rejects.toMatchObject({ error: 'States.Runtime' });
    const none = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', StringEquals: 'a', Next: 'D' }] }, D: { Type: 'Succeed' } } };
    await expect(run(none, { x: 'b' }).promise).rejects.toMatchObject({ error: 'States.NoChoiceMatched' });
    expect(stringMatches('a*b', 'a\\*b')).toBe(true);
    expect(stringMatches('axb', 'a\\*b')).toBe(false);
  });

  it('Wait: Seconds, SecondsPath, Timestamp (with an injectable clock)', async () => {
    const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
    const def = {
      StartAt: 'W1',
      States: {
        W1: { Type: 'Wait', Seconds: 10, Next: 'W2' },
        W2: { Type: 'Wait', SecondsPath: '$.delay', Next: 'W3' },
        W3: { Type: 'Wait', Timestamp: '2025-01-01T00:01:00Z', End: true },
      },
    };
    let done = false;
    const { promise } = run(def, { delay: 20 }, {}, clock);
    void promise.then(() => (done = true));
    await clock.advance(29_999);
    expect(done).toBe(false);
    await clock.advance(30_000);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
    expect(await promise).toEqual({ delay: 20 });
  });

  it('Parallel: runs branches on the same input; a failing branch fails the state', async () => {
    const def = one({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'double', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', Parameters: { 'v.$': '$.v' }, End: true } } },
      ],
      ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1].v' },
    });
    expect(await run(def, { v: 4 }, { double: (i) => i.v * 2 }).promise).toEqual({ first: 8, second: 4 });
    await expect(run(def, { v: 4 }, { double: () => { throw new NamedError('Bad', 'nope'); } }).promise).rejects.toMatchObject({ error: 'Bad' });
  });

  it('Map: ItemsPath, ItemSelector with $$.Map.Item, MaxConcurrency, ResultPath', async () => {
    let active = 0;
    let peak = 0;
    const def = one({
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tax.$': '$.tax' },
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Task', Resource: 'price', End: true } } },
      ResultPath: '$.priced',
    });
    const { promise } = run(def, { tax: 2, items: [10, 20, 30, 40] }, {
      price: async (i) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return i.value + i.tax + i.index / 10;
      },
    });
    expect(await promise).toEqual({ tax: 2, items: [10, 20, 30, 40], priced: [12, 22.1, 32.2, 42.3] });
    expect(peak).toBe(2);
  });

  it('Map: tolerated failures, then States.ExceedToleratedFailureThreshold', async () => {
    const def = (tolerated: number) =>
      one({ Type: 'Map', ToleratedFailureCount: tolerated, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Task', Resource: 'p', End: true } } } });
    const p = (i: number) => {
      if (i % 2) throw new NamedError('Odd', `${i}`);
      return i;
    };
    expect(await run(def(2), [1, 2, 3, 4], { p }).promise).toEqual([{ Error: 'Odd', Cause: '1' }, 2, { Error: 'Odd', Cause: '3' }, 4]);
    await expect(run(def(1), [1, 2, 3, 4], { p }).promise).rejects.toMatchObject({ error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('Succeed and Fail (Error/Cause, ErrorPath/CausePath)', async () => {
    expect(await run({ StartAt: 'S', States: { S: { Type: 'Succeed', OutputPath: '$.keep' } } }, { keep: 1, drop: 2 }).promise).toBe(1);
    await expect(run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'PaymentError', Cause: 'declined' } } }, {}).promise).rejects.toMatchObject({ error: 'PaymentError', cause: 'declined' });
    await expect(run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('because {}', $.c)" } } }, { e: 'E1', c: 'x' }).promise).rejects.toMatchObject({
      error: 'E1',
      cause: 'because x',
    });
  });
});

describe('Retry and Catch', () => {
  it('retries with IntervalSeconds × BackoffRate^n and MaxDelaySeconds, then succeeds', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const def = one({ Type: 'Task', Resource: 'flaky', Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 10 }] });
    const { promise, events } = run(def, {}, { flaky: () => (++calls < 4 ? Promise.reject(new NamedError('Flaky', 'again')) : 'ok') }, clock);
    await clock.advance(0);
    expect(calls).toBe(1);
    await clock.advance(2000);
    expect(calls).toBe(2);
    await clock.advance(6000);
    expect(calls).toBe(3);
    await clock.advance(9999);
    expect(calls).toBe(3);
    await clock.advance(1);
    expect(await promise).toBe('ok');
    expect(events.filter((e) => e.startsWith('retry'))).toEqual(['retry S Flaky #1 2000ms', 'retry S Flaky #2 6000ms', 'retry S Flaky #3 10000ms']);
  });

  it('uses the first matching retrier, counts attempts per retrier, then catches', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'bad',
          Retry: [
            { ErrorEquals: ['Other'], MaxAttempts: 5 },
            { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 },
          ],
          Catch: [
            { ErrorEquals: ['Nope'], Next: 'Never' },
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Handled' },
          ],
          Next: 'Never',
        },
        Never: { Type: 'Fail' },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const { promise, events } = run(def, { orig: 1 }, { bad: () => (calls++, Promise.reject(new NamedError('Boom', 'kaput'))) }, clock);
    await clock.advance(5000);
    expect(await promise).toEqual({ orig: 1, error: { Error: 'Boom', Cause: 'kaput' } });
    expect(calls).toBe(3);
    expect(events).toContain('catch T Boom → Handled');
  });

  it('MaxAttempts 0 never retries; an uncaught error fails the execution', async () => {
    const def = one({ Type: 'Task', Resource: 'bad', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] });
    let calls = 0;
    await expect(run(def, {}, { bad: () => (calls++, Promise.reject(new NamedError('Boom', 'x'))) }).promise).rejects.toMatchObject({ error: 'Boom' });
    expect(calls).toBe(1);
  });

  it('States.Runtime is neither retried nor caught', async () => {
    const def = one({ Type: 'Task', Resource: 't', Parameters: { 'x.$': '$.missing' }, Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }] });
    await expect(run(def, {}, { t: () => 1 }).promise).rejects.toMatchObject({ error: 'States.Runtime' });
  });

  it('Task TimeoutSeconds raises States.Timeout, which States.TaskFailed does not catch', async () => {
    const clock = new ManualClock();
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'slow', TimeoutSeconds: 3, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'No' }, { ErrorEquals: ['States.Timeout'], Next: 'Timed' }], End: true },
        No: { Type: 'Fail' },
        Timed: { Type: 'Pass', Result: 'timed out', End: true },
      },
    };
    const { promise } = run(def, {}, { slow: () => new Promise(() => undefined) }, clock);
    await clock.advance(3000);
    expect(await promise).toBe('timed out');
  });

  it('machine TimeoutSeconds ends the execution with States.Timeout', async () => {
    const clock = new ManualClock();
    const { promise } = run({ TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, {}, {}, clock);
    const settled = promise.catch((e) => e);
    await clock.advance(5000);
    expect(await settled).toMatchObject({ error: 'States.Timeout' });
  });

  it('a Catch with ResultPath null keeps the input', async () => {
    const def = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'bad', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'D' }], End: true }, D: { Type: 'Succeed' } },
    };
    expect(await run(def, { a: 1 }, { bad: () => Promise.reject(new Error('x')) }).promise).toEqual({ a: 1 });
  });
});

describe('task tokens', () => {
  it('passes $$.Task.Token to .waitForTaskToken tasks', async () => {
    let token = '';
    const def = one({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' } });
    const { promise } = run(def, {}, { 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': (input, call) => ((token = input.token), call.taskToken) });
    expect(await promise).toBe(token);
    expect(token).toMatch(/.{8,}/);
  });
});
