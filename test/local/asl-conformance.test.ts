// The local interpreter against what AWS documents and does: intrinsics' rounding and
// rendering, the context object in InputPath/OutputPath, Wait and Map runtime checks, Fail
// without Error/Cause, ItemBatcher, and the limits on workflow variables.
import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/local/asl/errors.js';
import { evaluateIntrinsic } from '../../src/local/asl/intrinsics.js';
import { ManualClock } from '../../src/local/clock.js';
import { context, failure, one, run } from './asl-helpers.js';


describe('intrinsic functions as AWS evaluates them', () => {
  const input = { name: 'Arnav', value1: 111, step: -1, obj: { a: 1, b: ['x', 'y'], c: null }, list: [1, 'two', { k: true }] };
  it.each([
    ["States.Format('Hello, my name is {}.', $.name)", 'Hello, my name is Arnav.'],
    ['States.MathAdd($.value1, $.step)', 110],
    ['States.MathAdd(1.5, 2)', 4], // non-integers are rounded, not refused
    ['States.MathAdd(-2.5, 0)', -2],
    ['States.MathAdd(2.4, 2.4)', 4],
    ["States.StringToJson('')", null],
    ["States.StringToJson('   ')", null],
    ["States.Format('{} / {}', $.obj, $.list)", '{a=1, b=[x, y], c=null} / [1, two, {k=true}]'],
    ["States.Format('{}, {}, {}', true, null, 2.5)", 'true, null, 2.5'],
  ])('%s', (expr, expected) => expect(evaluateIntrinsic(expr, input, context)).toEqual(expected));

  it('rounds MathRandom bounds instead of failing', () => {
    for (let i = 0; i < 20; i++) {
      const r = evaluateIntrinsic('States.MathRandom(1.4, 3.6)', {}, context) as number;
      expect(Number.isInteger(r) && r >= 1 && r < 4).toBe(true);
    }
  });
});

describe('the context object in InputPath and OutputPath', () => {
  it('reads $$ from the context, not from the state input', async () => {
    const out = await run({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$$.Execution.Name', ResultPath: '$', Next: 'B' }, B: { Type: 'Pass', OutputPath: '$$.State.Name', End: true } } }, { Execution: { Name: 'from input' } }).promise;
    expect(out).toBe('B');
  });
  it('gives $$.State.RetryCount per attempt', async () => {
    let calls = 0;
    const out = await run(
      one({ Type: 'Task', Resource: 'flaky', Parameters: { 'n.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 0, MaxAttempts: 2 }] }),
      {},
      { flaky: (i) => (++calls < 3 ? Promise.reject(new StatesError('Boom', 'x')) : i) },
    ).promise;
    expect(out).toEqual({ n: 2 });
  });
});

describe('Fail states', () => {
  it('reports no Error and no Cause when the state names none', async () => {
    const e = await failure(run(one({ Type: 'Fail' }), {}).promise);
    expect(e.unnamed && e.uncaused).toBe(true);
  });
  it('reports those it names', async () => {
    const e = await failure(run(one({ Type: 'Fail', Error: 'OrderRejected', Cause: 'too big' }), {}).promise);
    expect([e.error, e.cause, e.unnamed]).toEqual(['OrderRejected', 'too big', false]);
  });
});

describe('Wait checks at run time', () => {
  const wait = (field: Record<string, unknown>, input: unknown) => failure(run(one({ Type: 'Wait', ...field }), input, {}, new ManualClock(Date.parse('2026-01-01T00:00:00Z'))).promise);
  it.each([
    [{ SecondsPath: '$.s' }, { s: -1 }, /non-negative integer/],
    [{ SecondsPath: '$.s' }, { s: 1.5 }, /non-negative integer/],
    [{ SecondsPath: '$.s' }, { s: '10' }, /non-negative integer/],
    [{ SecondsPath: '$.s' }, { s: 40_000_000 }, /maximum wait/],
    [{ TimestampPath: '$.t' }, { t: '2026-01-01 10:00:00Z' }, /ISO-8601/],
    [{ TimestampPath: '$.t' }, { t: '2026-01-01T10:00:00' }, /ISO-8601/],
    [{ TimestampPath: '$.t' }, { t: '2028-01-01T00:00:00Z' }, /one year/],
  ])('%j with %j fails with States.Runtime', async (field, input, cause) => {
    const e = await wait(field, input);
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toMatch(cause);
  });
});

describe('Map', () => {
  const map = (extra: Record<string, unknown>) =>
    one({ Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, ...extra });
  it.each([
    [{ MaxConcurrencyPath: '$.m' }, { m: -1 }, /MaxConcurrencyPath/],
    [{ ToleratedFailureCountPath: '$.m' }, { m: 1.5 }, /ToleratedFailureCountPath/],
    [{ ToleratedFailurePercentagePath: '$.m' }, { m: 101 }, /ToleratedFailurePercentagePath/],
  ])('refuses %j = %j', async (field, values, cause) => {
    const e = await failure(run(map(field), { items: [1], ...values }).promise);
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toMatch(cause);
  });
  it('accepts a fractional ToleratedFailurePercentage', async () => {
    expect(await run(map({ ToleratedFailurePercentage: 12.5 }), { items: [1, 2] }).promise).toEqual([1, 2]);
  });
  it('batches items with ItemBatcher', async () => {
    const out = await run(map({ ItemSelector: { 'v.$': '$$.Map.Item.Value' }, ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run' } } }), { run: 'r1', items: [1, 2, 3] }).promise;
    expect(out).toEqual([
      { BatchInput: { run: 'r1' }, Items: [{ v: 1 }, { v: 2 }] },
      { BatchInput: { run: 'r1' }, Items: [{ v: 3 }] },
    ]);
  });
});

describe('workflow variables (JSONPath)', () => {
  it('assigns from a task result and reads $name in later paths', async () => {
    const def = {
      StartAt: 'Get',
      States: {
        Get: { Type: 'Task', Resource: 'get', Assign: { 'price.$': '$.price', currency: 'EUR' }, ResultPath: null, Next: 'Use' },
        Use: { Type: 'Pass', Parameters: { 'total.$': 'States.MathAdd($price, 1)', 'currency.$': '$currency', 'orig.$': '$.id' }, End: true },
      },
    };
    expect(await run(def, { id: 7 }, { get: () => ({ price: 41 }) }).promise).toEqual({ total: 42, currency: 'EUR', orig: 7 });
  });
  it('evaluates every assignment of a state against the values at entry', async () => {
    const def = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' }, B: { Type: 'Pass', Assign: { x: 2, 'old.$': '$x' }, Next: 'C' }, C: { Type: 'Pass', Parameters: { 'x.$': '$x', 'old.$': '$old' }, End: true } },
    };
    expect(await run(def, {}).promise).toEqual({ x: 2, old: 1 });
  });
  it('assigns the error output in a Catch', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'boom', Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'why.$': '$.Cause' }, Next: 'R' }], End: true },
        R: { Type: 'Pass', Parameters: { 'why.$': '$why' }, End: true },
      },
    };
    expect(await run(def, {}, { boom: () => Promise.reject(new StatesError('Bad', 'it broke')) }).promise).toEqual({ why: 'it broke' });
  });
  it('lets branches read outer variables and keeps their own assignments inside', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { x: 'outer' }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Assign: { x: 'inner', y: 1 }, Next: 'Read' }, Read: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } } }],
          ResultPath: '$.branches',
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'x.$': '$x', 'b.$': '$.branches' }, End: true },
      },
    };
    expect(await run(def, {}).promise).toEqual({ x: 'outer', b: [{ x: 'inner' }] });
    const leak = { ...def, States: { ...def.States, After: { Type: 'Pass', Parameters: { 'y.$': '$y' }, End: true } } };
    expect((await failure(run(leak, {}).promise)).cause).toMatch(/\$y/);
  });
  it('hides outer variables from a distributed Map', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { x: 1 }, Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'R', States: { R: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } } }, End: true },
      },
    };
    const e = await failure(run(def, [1]).promise);
    expect(e.cause).toMatch(/\$x/);
  });
  it('refuses a variable over 256 KiB', async () => {
    const e = await failure(run(one({ Type: 'Pass', Assign: { 'big.$': '$.s' } }), { s: 'x'.repeat(300 * 1024) }).promise);
    expect(e.cause).toMatch(/over the limit of 262144 bytes/);
  });
});

describe('the payload limit', () => {
  it('fails a state whose output is over 256 KiB with States.DataLimitExceeded, which no Catch takes', async () => {
    const def = { StartAt: 'Big', States: { Big: { Type: 'Task', Resource: 'big', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Saved' }], End: true }, Saved: { Type: 'Succeed' } } };
    const e = await failure(run(def, {}, { big: () => 'x'.repeat(257 * 1024) }).promise);
    expect(e.error).toBe('States.DataLimitExceeded');
    expect(e.cause).toBe("The state/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit.");
  });
});
