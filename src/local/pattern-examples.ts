// Values an EventBridge pattern (or an SNS filter policy) matches, where one is easy to find: the
// shape of a sample event for a rule, or attributes for a subscription's filter.

/** A value satisfying one pattern/filter leaf list, where one is easy to find. */
function exampleFor(values: unknown): unknown {
  const list = Array.isArray(values) ? values : [values];
  for (const v of list) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.prefix === 'string') return `${o.prefix}example`;
      if (typeof o.suffix === 'string') return `example${o.suffix}`;
      if (typeof o['equals-ignore-case'] === 'string') return o['equals-ignore-case'];
      if (typeof o.wildcard === 'string') return o.wildcard.replace(/\*/g, 'x');
      if (Array.isArray(o.numeric)) {
        const [op, n] = o.numeric as [string, number];
        return op.startsWith('>') ? n + 1 : op.startsWith('<') ? n - 1 : n;
      }
      if (o['anything-but'] !== undefined) return 'something-else';
      if (o.exists === true) return 'present';
    }
  }
  return 'example';
}

/** An object shaped to match an EventBridge pattern (or SNS filter policy). */
export function exampleMatching(pattern: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!pattern) return out;
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      const first = Array.isArray(value) ? (value[0] as Record<string, unknown>) : undefined;
      Object.assign(out, exampleMatching(first));
      continue;
    }
    if (Array.isArray(value)) {
      const exists = value.find((v) => v && typeof v === 'object' && (v as { exists?: boolean }).exists === false);
      if (!exists) out[key] = exampleFor(value);
    } else if (value && typeof value === 'object') out[key] = exampleMatching(value as Record<string, unknown>);
  }
  return out;
}
