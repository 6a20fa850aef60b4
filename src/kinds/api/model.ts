// APIs in the model: declared ones with their authorizers, API keys, domain, CORS, throttle and access logs, or the one
// implied API (`api`) when functions have http triggers and app.yaml declares none.
import { logicalId, pascal } from '../../core/names.js';
import type { ApiSpec, UsagePlanSpec } from '../../manifest/app.types.js';
import type { ApiModel, UsagePlanModel } from '../../model/types.js';
import { parseValue } from '../../model/values.js';
import { authorizerEntries, defaultAuth, modelAuthorizer } from './authorizers.js';
import type { ModelContext } from '../types.js';

/** The stage throttle an API gets unless app.yaml sets one: requests per second and burst. */
export const API_THROTTLE = { rate: 100, burst: 200 };

export function modelApis(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.apis ?? {})) {
    const type = spec.type ?? 'http';
    if (type === 'websocket') continue; // the websocket kind's (src/kinds/websocket)
    const authorizers = authorizerEntries(spec, ['apis', name]).map((e) => modelAuthorizer(e.name, e.spec, e.path));
    c.app.apis.push({
      name,
      logicalId: logicalId('api', name, type),
      type,
      implicit: false,
      description: spec.description,
      cors: corsOf(spec.cors),
      auth: defaultAuth(spec, authorizers),
      throttle: { ...API_THROTTLE, ...spec.throttle },
      accessLogs: spec.accessLogs ?? true,
      routes: [],
      path: ['apis', name],
      ...(authorizers.length ? { authorizers } : {}),
      ...(spec.apiKeys ? { apiKeys: { plans: usagePlans(name, type, spec) } } : {}),
      ...(spec.domain ? { domain: { name: spec.domain.name, certificateArn: parseValue(spec.domain.certificateArn), basePath: spec.domain.basePath, hostedZoneId: spec.domain.hostedZoneId } } : {}),
    });
  }
  if (c.app.apis.length === 0 && Object.values(c.m.functions ?? {}).some((f) => f.triggers?.some((t) => 'http' in t))) {
    c.app.apis.push({ name: 'api', logicalId: logicalId('api', 'api'), type: 'http', implicit: true, auth: { type: 'none' }, throttle: { ...API_THROTTLE }, accessLogs: true, routes: [], path: ['functions'] });
  }
}

/** The usage plans of an api with apiKeys; none declared: one plan `default` without limits. */
function usagePlans(apiName: string, type: 'http' | 'rest', spec: ApiSpec): UsagePlanModel[] {
  const declared = Object.entries(spec.usagePlans ?? {});
  const plans = declared.length ? declared : ([['default', {}]] as [string, UsagePlanSpec][]);
  const base = logicalId('api', apiName, type);
  return plans.map(([name, p]) => ({
    name,
    logicalId: `${base}${pascal(name)}UsagePlan`,
    keyLogicalId: `${base}${pascal(name)}ApiKey`,
    description: p?.description,
    quota: p?.quota,
    throttle: p?.throttle,
  }));
}

export function corsOf(cors: unknown): ApiModel['cors'] {
  if (!cors) return undefined;
  if (cors === true) return { origins: ['*'], methods: ['*'], headers: ['*'], allowCredentials: false };
  const c = cors as { origins?: string[]; methods?: string[]; headers?: string[]; allowCredentials?: boolean; maxAge?: number };
  return { origins: c.origins ?? ['*'], methods: c.methods ?? ['*'], headers: c.headers ?? ['*'], allowCredentials: c.allowCredentials ?? false, maxAge: c.maxAge };
}
