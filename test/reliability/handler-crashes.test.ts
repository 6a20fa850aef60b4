// Promises a handler leaves behind and exceptions thrown outside its call chain: they fail
// the invocation (as Lambda's Node.js runtime does) or, once it has returned, show in the
// trace — never an `ok` invocation with the error lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/local/trace.js';
import { makeApp, makeFunction } from '../local/helpers.js';
import { startProject, until, type Project } from './project.js';

let project: Project;

beforeAll(async () => {
  const app = makeApp({ functions: [makeFunction('floating'), makeFunction('late'), makeFunction('fine')] });
  project = await startProject(app, {
    floating: `async function notify() { throw new Error('HelloError'); }
      export const handler = async () => { void notify(); return 'Hello'; };`,
    late: `export const handler = async () => { setTimeout(() => { throw new TypeError('late boom'); }, 20); return 'returned'; };`,
    fine: `export const handler = async () => 'fine';`,
  });
}, 30_000);
afterAll(() => project?.stop());

const invokes = (fn: string) => project.events.filter((e): e is Extract<TraceEvent, { kind: 'invoke' }> => e.kind === 'invoke' && e.function === fn);

describe('unhandled rejections and asynchronous throws', () => {
  it('a rejected promise the handler did not await fails the invocation with Runtime.UnhandledPromiseRejection', async () => {
    const r = await project.runtime.invoke('floating', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: HelloError' });
    expect(invokes('floating').at(-1)).toMatchObject({ ok: false, error: { type: 'Runtime.UnhandledPromiseRejection', message: 'Error: HelloError' } });
    // the environment is gone; the next event starts a fresh one and fails the same way
    const again = await project.runtime.invoke('floating', {});
    expect(again.ok).toBe(false);
    expect(invokes('floating').at(-1)!.coldStartMs).toBeDefined();
  });

  it('an exception thrown after the handler returned is logged against that request, and the next event gets a new environment', async () => {
    const r = await project.runtime.invoke('late', {});
    expect(r).toMatchObject({ ok: true, value: 'returned' });
    const log = await until(() => project.events.find((e) => e.kind === 'log' && e.function === 'late' && e.level === 'ERROR'));
    expect(log).toMatchObject({ requestId: r.requestId, text: 'Uncaught Exception {"errorType":"TypeError","errorMessage":"late boom"}' });
    await project.runtime.invoke('late', {});
    expect(invokes('late').at(-1)!.coldStartMs).toBeDefined();
  });

  it('a handler that leaves nothing behind is unaffected', async () => {
    expect(await project.runtime.invoke('fine', {})).toMatchObject({ ok: true, value: 'fine' });
  });
});
