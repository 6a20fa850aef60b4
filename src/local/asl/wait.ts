// The checks AWS makes on a Wait state's duration at run time: Seconds a non-negative
// integer, a Timestamp in RFC 3339 form with its `T` and its zone, and no wait beyond the
// longest an execution lives (one year).
import { isTimestamp } from './choice.js';
import { runtimeError } from './errors.js';

/** A standard execution lives at most a year; a Wait cannot outlast it. */
export const MAX_WAIT_SECONDS = 365 * 24 * 60 * 60;

export function checkWaitSeconds(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw runtimeError(`The ${field} parameter does not reference a valid non-negative integer: ${JSON.stringify(v)}`);
  }
  if (v > MAX_WAIT_SECONDS) throw runtimeError(`The ${field} value ${v} exceeds the maximum wait of ${MAX_WAIT_SECONDS} seconds (one year)`);
  return v;
}

/** When a Timestamp or TimestampPath value falls, in epoch ms. */
export function timestampMs(v: unknown, field: string, now: number): number {
  if (!isTimestamp(v)) {
    throw runtimeError(`The ${field} parameter does not reference a valid ISO-8601 extended offset date-time format string: ${JSON.stringify(v)} (write it as 2026-01-31T12:00:00Z, with the T and a zone)`);
  }
  const at = Date.parse(v);
  if ((at - now) / 1000 > MAX_WAIT_SECONDS) throw runtimeError(`The ${field} ${v} is more than one year away: the longest a Wait can last`);
  return at;
}
