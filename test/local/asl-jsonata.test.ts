// JSONata states in the local interpreter: Arguments/Output/Assign, $states, Choice
// Conditions, Wait and Map expressions, Catch with errorOutput, AWS's extra functions and
// its QueryEvaluationError wording.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/local/asl/errors.js';
import { ManualClock } from '../../src/local/clock.js';
import { failure, one, run } from './asl-helpers.js';

const jsonata = (states: Record<string, unknown>, startAt = Object.keys(states)[0]) => ({ QueryLanguage: 'JSONata', StartAt: startAt, States: states });

describe('JSONata states', () => {
  it('shapes a task call with Arguments and its output with Output, reading $states', async () => {
    const def = jsonata({
      Charge: {
        Type: 'Task',
        Resource: 'charge',
        Arguments: { amount: '{% $states.input.total * 100 %}', currency: 'EUR', execution: '{% $states.context.Execution.Name %}' },
        Output: { orderId: '{% $states.input.id %}', charged: '{% $states.result.charged %}' },
        End: true,
      },
    });
    const out = await run(def, { id: 'o-1', total: 4.2 }, { charge: (i) => ({ charged: i }) }).promise;
    expect(out).toEqual({ orderId: 'o-1', charged: { amount: 420, currency: 'EUR', execution: 'exec-1' } });
  });

  it('passes the input through when a state has no Output, and the result for a Task', async () => {
    const def = jsonata({ P: { Type: 'Pass', Next: 'T' }, T: { Type: 'Task', Resource: 'echo', End: true } });
    expect(await run(def, { a: 1 }, { echo: () => 'result' }).promise).toBe('result');
  });

  it('assigns variables that later states read, against the values at entry', async () => {
    const def = jsonata({
      A: { Type: 'Pass', Assign: { count: 1 }, Next: 'B' },
      B: { Type: 'Pass', Assign: { count: '{% $count + 1 %}', seen: '{% $count %}' }, Output: { during: '{% $count %}' }, Next: 'C' },
      C: { Type: 'Pass', Output: '{% { "count": $count, "seen": $seen, "input": $states.input } %}', End: true },
    });
    expect(await run(def, {}).promise).toEqual({ count: 2, seen: 1, input: { during: 1 } });
  });

  it('chooses by Condition, with the chosen rule Output and Assign', async () => {
    const def = jsonata({
      C: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.total > 100 %}', Assign: { tier: 'big' }, Output: { t: '{% $states.input.total %}' }, Next: 'Big' }],
        Default: 'Small',
      },
      Big: { Type: 'Pass', Output: '{% [$tier, $states.input.t] %}', End: true },
      Small: { Type: 'Succeed' },
    });
    expect(await run(def, { total: 500 }).promise).toEqual(['big', 500]);
    expect(await run(def, { total: 5 }).promise).toEqual({ total: 5 });
  });

  it('fails a Condition that is not a boolean with States.QueryEvaluationError', async () => {
    const def = jsonata({ C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.total %}', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } });
    const e = await failure(run(def, { total: 3 }).promise);
    expect(e.error).toBe('States.QueryEvaluationError');
    expect(e.cause).toMatch(/Condition/);
  });

  it('reports an expression that returns nothing as AWS words it', async () => {
    const e = await failure(run(jsonata({ P: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } }), {}).promise);
    expect(e.error).toBe('States.QueryEvaluationError');
    expect(e.cause).toBe("An error occurred while executing the state 'P'. The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).");
  });

  it('waits the Seconds an expression gives, on the clock', async () => {
    const clock = new ManualClock(0);
    const { promise } = run(jsonata({ W: { Type: 'Wait', Seconds: '{% $states.input.delay %}', End: true } }), { delay: 3600 }, {}, clock);
    let done = false;
    void promise.then(() => (done = true));
    await clock.advance(3_599_000);
    expect(done).toBe(false);
    await clock.advance(1000);
    await promise;
    expect(done).toBe(true);
  });

  it('maps Items through ItemSelector with the item in $states.context.Map.Item', async () => {
    const def = jsonata({
      M: {
        Type: 'Map',
        Items: '{% $states.input.orders %}',
        ItemSelector: { index: '{% $states.context.Map.Item.Index %}', id: '{% $states.context.Map.Item.Value.id %}', run: '{% $states.input.run %}' },
        MaxConcurrency: '{% 1 %}',
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        Output: '{% $states.result.id %}',
        End: true,
      },
    });
    expect(await run(def, { run: 'r', orders: [{ id: 'a' }, { id: 'b' }] }).promise).toEqual(['a', 'b']);
  });

  it('catches with Output and Assign reading $states.errorOutput', async () => {
    const def = jsonata({
      T: { Type: 'Task', Resource: 'pay', Catch: [{ ErrorEquals: ['PaymentDeclined'], Assign: { reason: '{% $states.errorOutput.Cause %}' }, Output: { failed: '{% $states.input.id %}' }, Next: 'F' }], End: true },
      F: { Type: 'Pass', Output: '{% [$states.input.failed, $reason] %}', End: true },
    });
    const out = await run(def, { id: 'o-9' }, { pay: () => Promise.reject(new StatesError('PaymentDeclined', 'card expired')) }).promise;
    expect(out).toEqual(['o-9', 'card expired']);
  });

  it('fails with Error and Cause computed by expressions', async () => {
    const e = await failure(run(jsonata({ F: { Type: 'Fail', Error: '{% "Order." & $states.input.code %}', Cause: '{% $string($states.input.n) %}' } }), { code: 'Rejected', n: 3 }).promise);
    expect([e.error, e.cause]).toEqual(['Order.Rejected', '3']);
  });

  it('runs a JSONata state inside a JSONPath machine', async () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': '$.x' }, Next: 'B' }, B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.x * 2 %}', End: true } } };
    expect(await run(def, { x: 21 }).promise).toBe(42);
  });

  it("refuses JSONPath fields in a JSONata state", async () => {
    const e = await failure(run(jsonata({ P: { Type: 'Pass', InputPath: '$.a', End: true } }), {}).promise);
    expect(e.cause).toMatch(/InputPath/);
  });
});

describe("AWS's JSONata functions", () => {
  const evaluate = (expr: string, input: unknown = {}) => run(one({ Type: 'Pass', QueryLanguage: 'JSONata', Output: `{% ${expr} %}` }), input).promise;
  it.each([
    ['$partition([1,2,3,4,5], 2)', [[1, 2], [3, 4], [5]]],
    ['$range(0, 10, 5)', [0, 5, 10]],
    ['$hash("input data", "SHA-256")', createHash('sha256').update('input data').digest('hex')],
    ['$parse(\'{"a": [1, {"b": true}]}\')', { a: [1, { b: true }] }],
    ['$random(7) = $random(7)', true],
    ['$random() < 1', true],
  ])('%s', async (expr, expected) => expect(await evaluate(expr)).toEqual(expected));
  it('$uuid() gives a version 4 UUID', async () => expect(await evaluate('$uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));
  it('reports a function error with its JSONata code', async () => {
    const e = await failure(evaluate('$partition("x", 2)'));
    expect(e.error).toBe('States.QueryEvaluationError');
    expect(e.cause).toMatch(/threw an error during evaluation/);
  });
});
