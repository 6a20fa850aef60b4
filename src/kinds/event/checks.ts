// Events: a declared bus, a valid JSON Schema (mistakes positioned in its file), producers that
// may put on the bus; then every rule and event trigger on a bus with declared events is checked
// against them, and events nobody consumes (or rules consuming what nobody produces) are warned of.
import type { EventSpec } from '../../manifest/app.types.js';
import type { Path } from '../../manifest/source.js';
import { validatePattern } from '../../pattern/index.js';
import type { CheckContext } from '../types.js';
import { schemaMistakes } from './json-schema.js';
import { checkMessages } from './messages.js';
import { checkPatternEvents, type DeclaredEvent } from './patterns.js';

export function checkEvents(c: CheckContext): void {
  checkMessages(c);
  const events: DeclaredEvent[] = [];
  for (const [name, spec] of Object.entries(c.m.events ?? {})) {
    if (!spec) continue;
    const ev = checkEvent(c, name, spec);
    if (ev) events.push(ev);
  }
  if (!events.length) return;
  const consumed = new Set<DeclaredEvent>();
  for (const { pattern, bus, path } of patterns(c)) {
    const onBus = events.filter((e) => e.bus === bus);
    if (!onBus.length || validatePattern(pattern).length) continue;
    const matched = checkPatternEvents(pattern, path, bus, onBus, c.add);
    for (const e of matched) {
      consumed.add(e);
      if (!e.producers.length) {
        c.add({ path, severity: 'warning', code: 'event-not-produced', message: `this pattern consumes ${e.name}, which no function of this app produces`, hint: `list its producers under events.${e.name}.producers (ignore this if it comes from outside the app)` });
      }
    }
  }
  for (const e of events) {
    if (!consumed.has(e)) c.add({ path: ['events', e.name], at: 'key', severity: 'warning', code: 'event-not-consumed', message: `no rule or event trigger consumes event ${e.name}`, hint: `add a trigger: - event: { bus: ${e.bus}, pattern: { detail-type: [${e.detailType}] } }` });
  }
}

function checkEvent(c: CheckContext, name: string, spec: EventSpec): DeclaredEvent | undefined {
  const base = ['events', name];
  const bus = spec.bus ?? 'default';
  if (spec.bus !== undefined) c.ref('bus', spec.bus, [...base, 'bus']);
  (spec.producers ?? []).forEach((fnName, i) => {
    const at = [...base, 'producers', i];
    const fn = c.m.functions?.[fnName];
    if (!fn) return c.ref('function', fnName, at, 'producer');
    if (!(fn.uses ?? []).some((u) => u && (u.bus ?? undefined) === bus)) {
      c.add({ path: at, code: 'event-producer-uses', message: `producer '${fnName}' has no uses: - bus: ${bus}, so it may not put ${name} on the bus`, hint: `add to functions.${fnName}.uses:  - bus: ${bus}` });
    }
  });
  if (spec.schema === undefined || spec.schema === null) return undefined; // the app schema reports it missing
  const fromFile = typeof spec.schema === 'string' ? c.eventSchemaFiles.get(name) : undefined;
  if (typeof spec.schema === 'string' && !fromFile) return undefined; // missing or unreadable: reported while loading
  const schema = fromFile ? fromFile.schema : spec.schema;
  const mistakes = schemaMistakes(schema);
  for (const m of mistakes) {
    const hint = m.hint ?? 'event schemas are JSON Schema draft 2020-12';
    if (fromFile) c.add({ path: m.path, file: fromFile.file, code: 'event-schema-invalid', message: `invalid JSON Schema for event ${name}: ${m.message}`, hint });
    else c.add({ path: [...base, 'schema', ...m.path], code: 'event-schema-invalid', message: `invalid JSON Schema for event ${name}: ${m.message}`, hint });
  }
  if (mistakes.length || (bus !== 'default' && !c.declared.bus.includes(bus))) return undefined;
  return { name, bus, source: spec.source, detailType: spec.detailType ?? name, schema, producers: spec.producers ?? [] };
}

/** Every event pattern of the app: declared rules' and event triggers', with their bus. */
function patterns(c: CheckContext): { pattern: Record<string, unknown>; bus: string; path: Path }[] {
  const out: { pattern: Record<string, unknown>; bus: string; path: Path }[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const [name, rule] of Object.entries(c.m.rules ?? {})) {
    if (rule && isObj(rule.pattern)) out.push({ pattern: rule.pattern, bus: rule.bus ?? 'default', path: ['rules', name, 'pattern'] });
  }
  for (const { trigger: t, path } of c.triggers('event')) {
    if (isObj(t.event?.pattern)) out.push({ pattern: t.event.pattern, bus: t.event.bus ?? 'default', path: [...path, 'event', 'pattern'] });
  }
  return out;
}
