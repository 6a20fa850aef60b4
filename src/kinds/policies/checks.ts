// Checks on `policies:` (functions and workflows): every action is service:Action; an Allow of
// every action (`*`, `s3:*`) is an error; an Allow on every resource (`*`) is a warning unless
// each action is one AWS only grants on `*` (STAR_ONLY_ACTIONS).
import type { PolicyStatementSpec } from '../../manifest/app.types.js';
import type { Path } from '../../manifest/source.js';
import type { CheckContext } from '../types.js';

/**
 * Actions that support no resource-level permissions, so AWS only grants them on `*`
 * (the Service Authorization Reference lists no resource type for them).
 */
export const STAR_ONLY_ACTIONS = [
  'cloudwatch:GetMetricData',
  'cloudwatch:ListMetrics',
  'cloudwatch:PutMetricData',
  'dynamodb:ListTables',
  'kms:ListAliases',
  'kms:ListKeys',
  's3:ListAllMyBuckets',
  'sns:ListTopics',
  'sqs:ListQueues',
  'ssm:DescribeParameters',
  'sts:GetCallerIdentity',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/i;

export function checkPolicies(c: CheckContext): void {
  for (const [name, fn] of Object.entries(c.m.functions ?? {})) checkList(c, fn?.policies, ['functions', name, 'policies']);
  for (const [name, wf] of Object.entries(c.m.workflows ?? {})) checkList(c, wf?.policies, ['workflows', name, 'policies']);
}

export const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function checkList(c: CheckContext, list: PolicyStatementSpec[] | undefined, base: Path): void {
  (list ?? []).forEach((st, i) => {
    if (!st || typeof st !== 'object') return;
    const path = [...base, i];
    const allow = (st.effect ?? 'Allow') === 'Allow';
    const actions = asList(st.actions);
    const at = (j: number): Path => (Array.isArray(st.actions) ? [...path, 'actions', j] : [...path, 'actions']);
    actions.forEach((action, j) => {
      if (action === '*' || (allow && /^[^:]+:\*$/.test(action))) {
        const service = action === '*' ? 'every service' : action.split(':')[0];
        if (allow) c.add({ path: at(j), code: 'policy-wildcard', message: `'${action}' allows every action of ${service}`, hint: `name the actions the code calls, e.g. ${action === '*' ? 's3:GetObject' : `${service}:Get…`}` });
        else if (action === '*') c.add({ path: at(j), code: 'policy-wildcard', message: `'*' denies every action, including the ones eda grants`, hint: 'name the actions to deny' });
      } else if (!ACTION.test(action)) {
        c.add({ path: at(j), code: 'policy-action', message: `'${action}' is not an IAM action`, hint: 'write service:Action, e.g. s3:GetObject or ssm:GetParameter' });
      }
    });
    const resources = asList(st.resources);
    const starAt = resources.indexOf('*');
    if (allow && starAt >= 0) {
      const scoped = actions.filter((a) => !STAR_ONLY_ACTIONS.some((s) => s.toLowerCase() === a.toLowerCase()));
      if (scoped.length) {
        c.add({
          path: Array.isArray(st.resources) ? [...path, 'resources', starAt] : [...path, 'resources'],
          severity: 'warning',
          code: 'policy-star-resource',
          message: `${scoped.join(', ')} allowed on every resource ('*')`,
          hint: 'name the ARNs instead, e.g. arn:${AWS::Partition}:s3:::my-bucket/* or ${resources.ReportsBucket.Arn}; only actions AWS grants on * alone (cloudwatch:PutMetricData, xray:PutTraceSegments, …) belong there',
        });
      }
    }
  });
}
