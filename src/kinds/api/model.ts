// APIs in the model: declared ones with their auth, CORS, throttle and access logs, or the one
// implied API (`api`) when functions have http triggers and app.yaml declares none.
import { logicalId } from '../../core/names.js';
import type { ApiModel } from '../../model/types.js';
import type { ModelContext } from '../types.js';

/** The stage throttle an API gets unless app.yaml sets one: requests per second and burst. */
export const API_THROTTLE = { rate: 100, burst: 200 };

export function modelApis(c: ModelContext): void {
  for (const [name, spec] of Object.entries(c.m.apis ?? {})) {
    const type = spec.type ?? 'http';
    if (type === 'websocket') continue; // the websocket kind's (src/kinds/websocket)
    const auth = typeof spec.auth === 'object' ? spec.auth : { type: spec.auth ?? 'none' };
    c.app.apis.push({
      name,
      logicalId: logicalId('api', name, type),
      type,
      implicit: false,
      description: spec.description,
      cors: corsOf(spec.cors),
      auth:
        auth.type === 'jwt'
          ? { type: 'jwt', issuer: auth.issuer ?? '', audience: auth.audience ?? [], scopes: auth.scopes ?? [] }
          : { type: auth.type as 'none' | 'iam' },
      throttle: { ...API_THROTTLE, ...spec.throttle },
      accessLogs: spec.accessLogs ?? true,
      routes: [],
      path: ['apis', name],
    });
  }
  if (c.app.apis.length === 0 && Object.values(c.m.functions ?? {}).some((f) => f.triggers?.some((t) => 'http' in t))) {
    c.app.apis.push({ name: 'api', logicalId: logicalId('api', 'api'), type: 'http', implicit: true, auth: { type: 'none' }, throttle: { ...API_THROTTLE }, accessLogs: true, routes: [], path: ['functions'] });
  }
}

export function corsOf(cors: unknown): ApiModel['cors'] {
  if (!cors) return undefined;
  if (cors === true) return { origins: ['*'], methods: ['*'], headers: ['*'], allowCredentials: false };
  const c = cors as { origins?: string[]; methods?: string[]; headers?: string[]; allowCredentials?: boolean; maxAge?: number };
  return { origins: c.origins ?? ['*'], methods: c.methods ?? ['*'], headers: c.headers ?? ['*'], allowCredentials: c.allowCredentials ?? false, maxAge: c.maxAge };
}
