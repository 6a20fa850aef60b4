// The trace as a test reads it: the hops `eda dev` prints, as typed records, with the app's
// time as ISO 8601 and without wall-clock measurements (a handler's duration, a cold start,
// a build's time), so that two runs of a test under the virtual clock give equal traces.
import type { Traced } from '../local/trace.js';
import type { AppError, Hop } from './types.js';


export function hopOf(e: Traced): Hop {
  const { time, ...rest } = e as Traced & { coldStartMs?: number };
  const copy: Record<string, unknown> = { ...rest };
  if (e.kind === 'http' || e.kind === 'invoke' || e.kind === 'reload') {
    delete copy.ms;
    delete copy.coldStartMs;
  }
  return { ...copy, time: new Date(time).toISOString() } as Hop;
}


const CRASH = /^(Unhandled Promise Rejection|Uncaught Exception) (\{.*\})$/s;

function errorOf(h: Hop): Omit<AppError, 'time' | 'hop'> | undefined {
  switch (h.kind) {
    case 'invoke':
      return h.ok ? undefined : { kind: 'invoke', source: h.function, error: h.error! };
    case 'delivery':
      return h.ok ? undefined : { kind: 'delivery', source: h.rule, error: h.error! };
    case 'workflow':
      return h.action === 'fail' ? { kind: 'workflow', source: h.workflow, error: h.error! } : undefined;
    case 'async':
      return h.action === 'failed' ? { kind: 'async', source: h.function, error: h.error! } : undefined;
    case 'stream':
      return h.action === 'discard' ? { kind: 'stream', source: h.table, error: h.error! } : undefined;
    case 'reload':
      return h.error ? { kind: 'build', source: 'handlers', error: { type: 'BuildError', message: h.error } } : undefined;
    case 'warn':
      return { kind: 'warn', source: 'eda', error: { type: 'Warning', message: h.message } };
    case 'log': {
      const m = h.level === 'ERROR' ? CRASH.exec(h.text) : null;
      if (!m) return undefined;
      const parsed = JSON.parse(m[2]!) as { errorType: string; errorMessage: string };
      return { kind: 'crash', source: h.function, error: { type: parsed.errorType, message: parsed.errorMessage } };
    }
    default:
      return undefined;
  }
}

export function errorsOf(hops: readonly Hop[]): AppError[] {
  return hops.flatMap((hop) => {
    const e = errorOf(hop);
    return e ? [{ ...e, time: hop.time, hop }] : [];
  });
}
