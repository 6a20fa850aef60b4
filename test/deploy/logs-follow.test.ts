// eda logs --follow: new events appear once each, in order; throttling makes the next poll
// wait longer instead of ending the follow; Lambda lines are read as level/message/request ID.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/deploy/api.js';
import type { LogEvent, LogsApi } from '../../src/deploy/cloud-api.js';
import { parseLogLine } from '../../src/deploy/log-lines.js';
import { FOLLOW_MIN_MS, followLogs, type LogSource, type SourcedEvent } from '../../src/deploy/logs.js';

const source: LogSource = { name: 'createOrder', kind: 'function', logicalId: 'CreateOrderLogGroup', logGroupName: '/g' };

describe('followLogs', () => {
  it('shows each new event once, and backs off while throttled without stopping', async () => {
    const stored: LogEvent[] = [];
    const script: Array<(() => void) | 'throttle'> = [
      () => stored.push({ logGroupName: '/g', timestamp: 100, message: 'a', eventId: '1' }),
      'throttle',
      'throttle',
      () => stored.push({ logGroupName: '/g', timestamp: 100, message: 'b', eventId: '2' }, { logGroupName: '/g', timestamp: 200, message: 'c', eventId: '3' }),
      () => {},
    ];
    const starts: number[] = [];
    const logs: LogsApi = {
      async filterLogEvents(input) {
        starts.push(input.startTime);
        const step = script.shift();
        if (step === 'throttle') return { events: [], throttled: true };
        step?.();
        return { events: stored.filter((e) => e.timestamp >= input.startTime) };
      },
    };
    const waits: number[] = [];
    const controller = new AbortController();
    const clock: Clock = {
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
        if (!script.length) controller.abort();
      },
    };
    const shown: string[] = [];
    const throttled: number[] = [];
    await followLogs({ logs, clock, sources: [source], startTime: 0, signal: controller.signal, emit: (es: SourcedEvent[]) => shown.push(...es.map((e) => e.message)), onThrottled: (ms) => throttled.push(ms) });
    expect(shown).toEqual(['a', 'b', 'c']);
    expect(throttled).toEqual([2 * FOLLOW_MIN_MS, 4 * FOLLOW_MIN_MS]);
    expect(waits[0]).toBe(FOLLOW_MIN_MS);
    expect(waits[3]).toBe(FOLLOW_MIN_MS); // new events reset the wait
    expect(starts).toEqual([0, 100, 100, 100, 200]);
  });
});

describe('parseLogLine', () => {
  it('reads the text format, the platform lines and the JSON format', () => {
    expect(parseLogLine('2026-03-02T14:05:07.123Z\t11111111-2222-3333-4444-555555555555\tWARN\tlow stock\n')).toEqual({ level: 'WARN', message: 'low stock', requestId: '11111111-2222-3333-4444-555555555555' });
    expect(parseLogLine('REPORT RequestId: 11111111-2222-3333-4444-555555555555\tDuration: 12.3 ms\tBilled Duration: 13 ms')).toEqual({ level: 'REPORT', message: 'Duration: 12.3 ms  Billed Duration: 13 ms', requestId: '11111111-2222-3333-4444-555555555555' });
    expect(parseLogLine('{"level":"error","message":{"code":7},"requestId":"r1"}')).toEqual({ level: 'ERROR', message: '{"code":7}', requestId: 'r1' });
    expect(parseLogLine('{"type":"platform.report","record":{"requestId":"r2","metrics":{"durationMs":5,"billedDurationMs":6}}}')).toEqual({ level: 'REPORT', message: 'Duration: 5 ms, billed 6 ms', requestId: 'r2' });
    expect(parseLogLine('plain {not json')).toEqual({ message: 'plain {not json' });
  });
});
