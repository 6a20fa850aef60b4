// The IAM policy a Lambda authorizer returns, evaluated the way API Gateway does for one
// request: an explicit Deny on a matching action and resource wins, then a matching Allow;
// anything else is an implicit deny. Actions and resources match with * and ? wildcards.

type Verdict = 'allow' | 'deny' | 'none';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

function wildcard(pattern: string, value: string, caseless = false): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, caseless ? 'i' : '');
  return re.test(value);
}

/** Whether `policy` lets the caller perform `action` on `resource`. */
export function allows(policy: unknown, action: string, resource: string): Verdict {
  const doc = policy as { Statement?: unknown } | undefined;
  const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
  let verdict: Verdict = 'none';
  for (const s of statements as { Effect?: unknown; Action?: unknown; Resource?: unknown }[]) {
    if (!s || typeof s !== 'object') continue;
    const matches = list(s.Action).some((a) => wildcard(a, action, true)) && list(s.Resource).some((r) => wildcard(r, resource));
    if (!matches) continue;
    if (s.Effect === 'Deny') return 'deny';
    if (s.Effect === 'Allow') verdict = 'allow';
  }
  return verdict;
}
