// Checks on Lambda environment variables: names Lambda reserves, and the 4 KB it allows in total
// (counting the stage-resolved default environment every function also gets).
import type { AppManifest, FunctionSpec } from './app.types.js';
import type { Problem } from './problems.js';
import type { Path } from './source.js';

const reservedEnv = /^(AWS_(REGION|DEFAULT_REGION|EXECUTION_ENV|LAMBDA_[A-Z_]+|ACCESS_KEY(_ID)?|SECRET_ACCESS_KEY|SESSION_TOKEN|XRAY_[A-Z_]+)|_HANDLER|_X_AMZN_TRACE_ID|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|TZ)$/;

/** Lambda's limit on a function's environment, keys and values together. */
export const MAX_ENVIRONMENT_BYTES = 4096;

function checkReserved(env: Record<string, unknown> | undefined, path: Path, add: (p: Problem) => void): void {
  for (const name of Object.keys(env ?? {})) {
    if (reservedEnv.test(name)) add({ path: [...path, name], at: 'key', code: 'env-reserved', message: `${name} is reserved by Lambda and cannot be set`, hint: 'choose another variable name' });
  }
}

/** Reserved names in defaults.environment and in every stage's (they fail whichever stage is chosen). */
export function checkDefaultEnvironments(m: AppManifest, add: (p: Problem) => void): void {
  checkReserved(m.defaults?.environment, ['defaults', 'environment'], add);
  for (const [name, spec] of Object.entries(m.stages ?? {})) checkReserved(spec?.defaults?.environment, ['stages', name, 'defaults', 'environment'], add);
}

/** A function's own reserved names, and its whole environment's size with the defaults it inherits. */
export function checkFunctionEnvironment(fn: FunctionSpec, base: Path, defaultEnv: Record<string, unknown>, add: (p: Problem) => void): void {
  checkReserved(fn.environment, [...base, 'environment'], add);
  const env = { ...defaultEnv, ...fn.environment };
  const size = Object.entries(env).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
  if (size <= MAX_ENVIRONMENT_BYTES) return;
  const fromDefaults = Object.keys(defaultEnv).filter((k) => !(fn.environment && k in fn.environment)).length;
  add({
    path: fn.environment ? [...base, 'environment'] : base,
    at: 'key',
    code: 'env-size',
    message: `environment is ${size} bytes${fromDefaults ? ` (with ${fromDefaults} variable${fromDefaults === 1 ? '' : 's'} from defaults.environment)` : ''}; Lambda allows 4 KB in total`,
    hint: 'move large values to SSM Parameter Store or Secrets Manager',
  });
}
