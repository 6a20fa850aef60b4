// CloudFormation's per-stack resource limit, checked on the manifest itself: an app certain to
// exceed it is refused before anything is modelled or compiled (a 30k-entry app.yaml would
// otherwise build a template of 100k resources only to be told it is too big).
import type { AppManifest } from './app.types.js';
import type { Problem } from './problems.js';

export const MAX_RESOURCES = 500;

/** Resources each entry always becomes, whatever its settings (alarms counted separately). */
const PER_ENTRY = { functions: 3, tables: 1, queues: 1, topics: 1, buses: 1, rules: 2, workflows: 3, resources: 1, pipes: 2, connections: 1, buckets: 2, schedules: 2 } as const;
/** Alarms each entry gets when monitoring.alarms is on. */
const ALARMS = { functions: 2, rules: 1, workflows: 1, pipes: 1 } as const;

/** The fewest resources the app can become for this stage (SAM's expansion only adds more). */
export function minimumResources(m: AppManifest, stage: string): { total: number; bySection: [string, number][] } {
  const alarms = (m.stages?.[stage]?.monitoring?.alarms ?? m.monitoring?.alarms ?? true) !== false;
  const bySection: [string, number][] = [];
  for (const [section, per] of Object.entries(PER_ENTRY)) {
    const entries = Object.values((m[section as keyof AppManifest] as Record<string, unknown> | undefined) ?? {});
    let n = entries.length * (per + (alarms ? (ALARMS[section as keyof typeof ALARMS] ?? 0) : 0));
    // Each queue's dead-letter queue (and its depth alarm), unless dlq: false.
    // A queue redriving into a declared queue (dlq: { queue }) has none of its own; that queue gets the alarm.
    if (section === 'queues') n += entries.filter(hasOwnDlq).length * (alarms ? 2 : 1);
    if (n) bySection.push([section, n]);
  }
  // Event contracts: an AWS::EventSchemas::Schema each, and the app's one registry.
  const events = Object.keys(m.events ?? {}).length;
  if (events) bySection.push(['events', events + 1]);
  return { total: bySection.reduce((sum, [, n]) => sum + n, 0), bySection };
}

function hasOwnDlq(q: unknown): boolean {
  const dlq = (q as { dlq?: unknown } | null)?.dlq;
  return dlq !== false && !(typeof dlq === 'object' && dlq !== null && 'queue' in dlq);
}

/** A problem when the app is certain to exceed the stack limit. */
export function checkResourceLimit(m: AppManifest, stage: string): Problem | undefined {
  const { total, bySection } = minimumResources(m, stage);
  if (total <= MAX_RESOURCES) return undefined;
  const [largest] = [...bySection].sort((a, b) => b[1] - a[1]);
  return {
    path: [largest![0]],
    at: 'key',
    code: 'limit-resources',
    message: `the app needs at least ${total} resources (${bySection.map(([s, n]) => `${s}: ${n}`).join(', ')}); a CloudFormation stack holds at most ${MAX_RESOURCES}`,
    hint: 'split the app into several apps (stacks), or turn off monitoring.alarms to save resources',
  };
}
