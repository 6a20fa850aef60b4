// Lambda function URLs (`url:` on a function): the checks on their CORS settings (the values
// Lambda accepts), SAM's FunctionUrlConfig, the <Fn>FunctionUrl output and ${functions.X.url}.
import type { FunctionModel } from '../../model/types.js';
import { getAtt } from '../template.js';
import type { CheckContext } from '../types.js';

/** The methods a function URL's CORS may allow (Lambda's AllowMethods). */
const URL_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE', '*'];
/** Lambda caps a function URL's CORS max age at a day. */
const MAX_AGE = 86400;

export function checkFunctionUrls(c: CheckContext): void {
  for (const [name, fn] of Object.entries(c.m.functions ?? {})) {
    const url = fn?.url;
    if (!url || url === true || typeof url.cors !== 'object') continue;
    const base = ['functions', name, 'url', 'cors'];
    const cors = url.cors;
    (cors.methods ?? []).forEach((m, i) => {
      if (!URL_METHODS.includes(m.toUpperCase())) c.add({ path: [...base, 'methods', i], code: 'url-cors-method', message: `a function URL's CORS cannot allow the method '${m}'`, hint: `allow any of ${URL_METHODS.join(', ')} (preflight OPTIONS requests are answered by Lambda)` });
    });
    if ((cors.methods ?? []).length > 6) c.add({ path: [...base, 'methods'], code: 'url-cors-method', message: `a function URL's CORS allows at most 6 methods, not ${cors.methods!.length}`, hint: "write '*' to allow every method" });
    if (cors.maxAge !== undefined && cors.maxAge > MAX_AGE) c.add({ path: [...base, 'maxAge'], code: 'url-cors-max-age', message: `a function URL's CORS maxAge is at most ${MAX_AGE} seconds (a day), not ${cors.maxAge}` });
    if (cors.allowCredentials && (cors.origins ?? ['*']).includes('*')) {
      c.add({ path: [...base, 'allowCredentials'], code: 'cors-credentials', message: 'allowCredentials cannot be used with the origin *', hint: 'list the exact origins, e.g. origins: [https://app.example.com]' });
    }
  }
}

/** SAM's FunctionUrlConfig of a function with `url:` (SAM adds the AWS::Lambda::Url <Fn>Url and, for auth none, the public permission). */
export function functionUrlConfig(fn: FunctionModel): unknown {
  const url = fn.url;
  if (!url) return undefined;
  const cors = url.cors;
  return {
    AuthType: url.auth === 'none' ? 'NONE' : 'AWS_IAM',
    InvokeMode: url.invokeMode !== 'BUFFERED' ? url.invokeMode : undefined,
    Cors: cors
      ? { AllowOrigins: cors.origins, AllowMethods: cors.methods, AllowHeaders: cors.headers.length ? cors.headers : undefined, AllowCredentials: cors.allowCredentials || undefined, MaxAge: cors.maxAge }
      : undefined,
  };
}

/** ${functions.X.url}: the URL of the AWS::Lambda::Url SAM makes from FunctionUrlConfig. */
export const functionUrlValue = (fnLogicalId: string) => getAtt(`${fnLogicalId}Url`, 'FunctionUrl');
