// Schema-valid sample events for the declared events (`events:`): the detail generated from the
// event's JSON Schema by json-schema-faker (required fields, types, enums, const, formats,
// bounds, lengths, patterns, nested objects, arrays, oneOf/anyOf), seeded so the same app gives
// the same sample every time; when a rule's pattern also filters on detail fields, the first
// seed whose detail the pattern matches (or the pattern's own values laid over it, if the
// schema still accepts them). Used by `eda invoke --sample`, the testing library and the console.
import { detailViolations } from '../kinds/event/json-schema.js';
import { DEFAULT_SEED, sampleDetail } from '../kinds/event/sample-detail.js';
import { checkPatternEvents } from '../kinds/event/patterns.js';
import type { EventModel } from '../model/types.js';
import { matchesPattern } from '../pattern/index.js';
import { exampleMatching } from './pattern-examples.js';

/** How many seeds to try for a detail the pattern matches before laying the pattern's values over one. */
const ATTEMPTS = 40;
export { DEFAULT_SEED, sampleDetail };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The declared events a pattern (already resolved to plain JSON) can deliver from a bus. */
export function eventsMatching(events: EventModel[], bus: string, pattern: Record<string, unknown> | undefined): EventModel[] {
  const onBus = events.filter((e) => e.bus === bus);
  if (!pattern || !onBus.length) return [];
  const matched = new Set(checkPatternEvents(pattern, [], bus, onBus.map((e) => ({ ...e })), () => undefined).map((e) => e.name));
  return onBus.filter((e) => matched.has(e.name));
}

/** `top` laid over `base`: objects merged key by key, anything else replaced. */
export function withOverrides(base: unknown, top: Record<string, unknown>): unknown {
  if (!isObj(base)) return top;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = isObj(v) && isObj(base[k]) ? withOverrides(base[k], v) : v;
  return out;
}

/**
 * A detail for `event` that its schema accepts and, when given, `pattern` matches (as part of
 * the whole event): deterministic for a seed. Without a detail that satisfies both, the
 * schema-valid sample of `seed`.
 */
export function sampleDetailMatching(event: EventModel, pattern: Record<string, unknown> | undefined, seed = DEFAULT_SEED): unknown {
  const first = sampleDetail(event.schema, seed);
  if (!pattern || (!isObj(pattern.detail) && !Array.isArray(pattern.$or))) return first;
  // detail values the pattern asks for, tried laid over a sample
  const wanted = isObj(pattern.detail) ? exampleMatching(pattern.detail) : {};
  const whole = (detail: unknown) => ({ source: event.source, 'detail-type': event.detailType, detail });
  for (let i = 0; i < ATTEMPTS; i++) {
    // the first half with every optional field, then some left out (for { exists: false })
    const detail = i === 0 ? first : sampleDetail(event.schema, seed + i, i < ATTEMPTS / 2);
    if (matchesPattern(pattern, whole(detail))) return detail;
    const laid = withOverrides(detail, wanted);
    if (matchesPattern(pattern, whole(laid)) && !detailViolations(event.schema, laid).length) return laid;
  }
  return first;
}
