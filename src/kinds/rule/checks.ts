// Rules (declared, and the ones event triggers imply): a pattern or a schedule, valid patterns,
// known buses and targets, no target looping back to the rule's own bus.
import type { Problem } from '../../manifest/problems.js';
import type { Path } from '../../manifest/source.js';
import { validatePattern } from '../../pattern/index.js';
import type { HttpTargetSpec } from '../../manifest/app.types.js';
import { checkEndpointUrl } from '../connection/urls.js';
import { checkScheduleAt } from '../schedule/checks.js';
import { checkInputTransformer } from './input-transformer.js';
import type { CheckContext } from '../types.js';

const targetKinds = ['workflow', 'queue', 'function', 'topic', 'bus', 'http'] as const;

export function checkRules(c: CheckContext): void {
  const { m, add } = c;
  for (const { trigger: t, path } of c.triggers('event')) {
    const bus = t.event?.bus;
    if (bus) c.ref('bus', bus, [...path, 'event', 'bus']);
    if (t.event?.pattern !== undefined) checkPattern(t.event.pattern, [...path, 'event', 'pattern'], add);
    checkInputTransformer(t, path, add);
  }
  for (const { trigger: t, path } of c.triggers('schedule')) checkInputTransformer(t, path, add);
  for (const [ruleName, rule] of Object.entries(m.rules ?? {})) {
    if (!rule) continue;
    const base = ['rules', ruleName];
    if (rule.pattern !== undefined && rule.schedule !== undefined) {
      add({ path: [...base, 'schedule'], at: 'key', code: 'rule-both', message: `rule '${ruleName}' has both a pattern and a schedule`, hint: 'a rule matches events (pattern) or runs on a timer (schedule); split it into two rules' });
    } else if (rule.pattern === undefined && rule.schedule === undefined) {
      add({ path: base, at: 'key', code: 'rule-neither', message: `rule '${ruleName}' has neither a pattern nor a schedule`, hint: 'add pattern: { source: [my.app] } or schedule: rate(1 day)' });
    }
    if (rule.bus !== undefined) c.ref('bus', rule.bus, [...base, 'bus']);
    if (rule.schedule !== undefined) {
      checkScheduleAt(rule.schedule, [...base, 'schedule'], add);
      if (rule.bus && rule.bus !== 'default') add({ path: [...base, 'bus'], code: 'schedule-bus', message: 'scheduled rules run only on the default bus', hint: 'remove bus: from this rule' });
    }
    if (rule.pattern !== undefined) checkPattern(rule.pattern, [...base, 'pattern'], add);
    const ids = new Set<string>();
    (rule.targets ?? []).forEach((t, i) => {
      const path = [...base, 'targets', i];
      if (!t || typeof t !== 'object') return;
      const kind = c.oneKind(t as Record<string, unknown>, targetKinds, path, 'a target');
      if (!kind) return;
      if (kind === 'http') return checkHttpTarget(c, t.http!, [...path, 'http']);
      c.ref(kind, t[kind], [...path, kind]);
      if (t.input !== undefined && t.inputPath !== undefined) add({ path: [...path, 'inputPath'], at: 'key', code: 'target-input', message: 'a target takes input or inputPath, not both' });
      checkInputTransformer(t, path, add);
      if (kind === 'bus' && t.inputTemplate !== undefined) add({ path: [...path, 'inputTemplate'], at: 'key', code: 'target-bus-input', message: 'an event bus target receives the event unchanged', hint: 'transform the input on the rules of the receiving bus instead' });
      if (kind === 'bus' && (t.bus ?? 'default') === (rule.bus ?? 'default')) add({ path: [...path, 'bus'], code: 'target-loop', message: `rule '${ruleName}' would send events back to its own bus`, hint: 'target another bus' });
      if (kind === 'topic' && m.topics?.[t.topic!]?.fifo) add({ path: [...path, 'topic'], code: 'target-fifo-topic', message: 'EventBridge cannot target FIFO topics', hint: 'target a FIFO queue, or a standard topic' });
      if (kind === 'bus' && t.bus && typeof t.bus === 'object') checkBusArn(t.bus.arn, [...path, 'bus', 'arn'], add);
      const id = `${kind}:${typeof t[kind] === 'object' ? (t[kind] as { arn: string }).arn : t[kind]}`;
      if (ids.has(id)) add({ path: [...path, kind], code: 'target-duplicate', message: `${kind} '${t[kind]}' is targeted twice by this rule` });
      ids.add(id);
    });
  }
}

/** An API destination: a declared connection and an endpoint AWS (or eda dev) can call. */
function checkHttpTarget(c: CheckContext, http: HttpTargetSpec, path: Path): void {
  c.ref('connection', http.connection, [...path, 'connection']);
  checkEndpointUrl(http.url, [...path, 'url'], 'an API destination', c.add);
}

function checkPattern(pattern: unknown, path: Path, add: (p: Problem) => void): void {
  for (const p of validatePattern(pattern)) add({ path: [...path, ...p.path], code: 'pattern-invalid', message: `invalid event pattern: ${p.message}`, hint: p.hint });
}

const BUS_ARN = /^arn:aws[a-z-]*:events:[a-z]{2}(-[a-z]+)+-\d:\d{12}:event-bus\/[A-Za-z0-9._-]{1,256}$/;

/** A bus outside the app is named by its full ARN; expressions stand for any part of it. */
function checkBusArn(arn: string, path: Path, add: (p: Problem) => void): void {
  const text = arn.replace(/\$\{AWS::Partition\}/g, 'aws').replace(/\$\{AWS::Region\}/g, 'us-east-1').replace(/\$\{AWS::AccountId\}/g, '111122223333');
  if (text.includes('${') ? /^\$\{[^}]*\}$/.test(text) || /^arn:[^:]*:events:[^:]*:[^:]*:event-bus\/.+$/.test(text) : BUS_ARN.test(text)) return;
  add({ path, code: 'bus-arn', message: `'${arn}' is not an event bus ARN`, hint: 'write arn:aws:events:<region>:<account>:event-bus/<name>, e.g. arn:aws:events:us-west-2:111122223333:event-bus/central' });
}
