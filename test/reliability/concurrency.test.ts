// Execution environments scale with load as Lambda's do: concurrent invocations start new
// environments (up to reservedConcurrency or the local cap) and later ones reuse them warm;
// with reservedConcurrency reached, synchronous callers are throttled (429 from the API)
// while event-driven ones wait their turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/local/trace.js';
import { makeApp, makeFunction } from '../local/helpers.js';
import { startProject, type Project } from './project.js';

let project: Project;
type Invoke = Extract<TraceEvent, { kind: 'invoke' }>;
const invokes = (fn: string) => project.events.filter((e): e is Invoke => e.kind === 'invoke' && e.function === fn);
const slow = (ms: number) => `export const handler = async () => { await new Promise((r) => setTimeout(r, ${ms})); return { statusCode: 200, body: 'done' }; };`;

beforeAll(async () => {
  const app = makeApp({
    apis: [
      {
        name: 'api',
        logicalId: 'ApiHttpApi',
        type: 'http',
        implicit: true,
        auth: { type: 'none' }, throttle: { rate: 100, burst: 200 }, accessLogs: true,
        routes: [{ method: 'GET', path: '/limited', function: 'limited', source: [] }],
        path: [],
      },
    ],
    functions: [makeFunction('io', { timeout: 10 }), makeFunction('limited', { reservedConcurrency: 2, timeout: 10 })],
  });
  project = await startProject(app, { io: slow(600), limited: slow(400) }, { triggers: false });
}, 30_000);
afterAll(() => project?.stop());

describe('environments scale with load', () => {
  // 600 ms of waiting per call outweighs starting an environment even on a busy machine.
  it('serves 24 concurrent invocations of a slow handler from more than four environments, then reuses them warm', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, () => project.runtime.invoke('io', {})));
    expect(results.every((r) => r.ok)).toBe(true);
    const cold = invokes('io').filter((e) => e.coldStartMs !== undefined).length;
    expect(cold).toBeGreaterThan(4);
    expect(project.runtime.functions.environments('io')).toBeGreaterThanOrEqual(cold);
    const before = invokes('io').length;
    for (let i = 0; i < 5; i++) expect((await project.runtime.invoke('io', {})).ok).toBe(true);
    expect(invokes('io').slice(before).every((e) => e.coldStartMs === undefined)).toBe(true);
  });
});

describe('reservedConcurrency', () => {
  it('throttles synchronous API calls beyond it with 429, as Lambda and API Gateway do, and traces them', async () => {
    const url = `${project.runtime.endpoints.apis.api}/limited`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(url).then(async (r) => ({ status: r.status, body: await r.text() }))));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 429)).toEqual(Array(3).fill({ status: 429, body: '{"message":"Too Many Requests"}' }));
    const throttled = invokes('limited').filter((e) => e.error?.type === 'TooManyRequestsException');
    expect(throttled).toHaveLength(3);
    expect(throttled[0]).toMatchObject({ ok: false, error: { message: 'Rate Exceeded.' } });
  });

  it('makes other invocations wait for one of its environments instead', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => project.runtime.invoke('limited', {})));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(project.runtime.functions.environments('limited')).toBeLessThanOrEqual(2);
  });
});
