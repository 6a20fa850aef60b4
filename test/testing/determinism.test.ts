// Two runs of the same test under the virtual clock give equal traces (ids from the seed, one
// handler at a time, no wall-clock measurements); the real clock is wall time.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApp, type Hop } from '../../src/testing/index.js';

const cwd = path.join(import.meta.dirname, 'fixtures', 'flows');

async function run(seed?: string): Promise<Hop[]> {
  const app = await startApp({ cwd, clock: 'virtual', seed });
  try {
    await app.http('POST', '/jobs', { body: { id: 'd1' } });
    await app.send('poison', 'bad');
    await app.putEvent({ bus: 'app', source: 'test', detailType: 'Ping', detail: {} });
    await app.startWorkflow('retrying');
    await app.settle();
    return app.trace;
  } finally {
    await app.stop();
  }
}

describe('determinism', () => {
  it('two runs with the same seed give equal traces; another seed gives other ids', async () => {
    const first = await run();
    const second = await run();
    expect(first.length).toBeGreaterThan(20);
    expect(second).toEqual(first);
    const other = await run('another seed');
    expect(other.map((h) => h.kind)).toEqual(first.map((h) => h.kind));
    expect(other).not.toEqual(first);
  });
});

describe('stop()', () => {
  it('leaves no server, socket or timer running', async () => {
    const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    await run();
    // right after stop() resolves: no API or AWS endpoint server, no socket, no timer of the app's
    expect({ servers: count('TCPServerWrap'), sockets: count('TCPSocketWrap'), timers: count('Timeout') }).toEqual({ servers: 0, sockets: 0, timers: 0 });
  });
});

describe('the real clock', () => {
  it('settle() returns within its bound and reports the message waiting out its visibility timeout', async () => {
    const app = await startApp({ cwd, clock: 'real' });
    try {
      const wall = Date.now();
      await app.send('poison', 'bad');
      const report = await app.settle({ within: '1s' });
      expect(Date.now() - wall).toBeLessThan(30_000);
      expect(report.idle).toBe(false);
      expect(report.pending).toContainEqual(expect.objectContaining({ kind: 'queue', queue: 'poison', inFlight: 1 }));
      expect(app.trace.filter((h) => h.kind === 'queue' && h.action === 'deliver')).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});
