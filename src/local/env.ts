// The environment a handler sees locally: what Lambda sets, the function's own variables
// with ${...} resolved to local values, dummy credentials, and the SDK's per-service
// endpoint variables pointing at the loopback AWS APIs.
import { join, resolve } from 'node:path';
import { languageOf, lambdaHandler } from '../kinds/function/handler.js';
import type { FunctionModel } from '../model/types.js';
import type { Addresses } from './addresses.js';

/** SDK v3 serviceIds → AWS_ENDPOINT_URL_<SERVICE> (serviceId upper-cased, spaces → _). */
export const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_DYNAMODB_STREAMS',
  'AWS_ENDPOINT_URL_SQS',
  'AWS_ENDPOINT_URL_SNS',
  'AWS_ENDPOINT_URL_EVENTBRIDGE',
  'AWS_ENDPOINT_URL_SFN',
  'AWS_ENDPOINT_URL_LAMBDA',
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  // the management API's client needs its endpoint (the api's callback URL) anyway; this catches one built without it
  'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI',
  'AWS_ENDPOINT_URL_S3',
] as const;

export interface EnvOptions {
  cwd: string;
  /** Folder for the runtime's own files (config isolation). */
  stateDir: string;
  /** Variables from the developer's shell passed through to handlers. */
  passThrough?: NodeJS.ProcessEnv;
}

export function functionEnvironment(fn: FunctionModel, addresses: Addresses, options: EnvOptions): Record<string, string> {
  const pass = options.passThrough ?? process.env;
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_EXTRA_CA_CERTS']) {
    const v = pass[key];
    if (v !== undefined) env[key] = v;
  }
  const name = addresses.functionName(fn.name);
  Object.assign(env, {
    AWS_REGION: addresses.region,
    AWS_DEFAULT_REGION: addresses.region,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memory),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: options.cwd,
    _HANDLER: `${fn.handlerFile.replace(/\.[cm]?[jt]s$/, '')}.${fn.handlerExport}`,
    // Dummy credentials: the local APIs accept any signature; real AWS rejects these.
    AWS_ACCESS_KEY_ID: 'AKIAEDALOCAL00000000',
    AWS_SECRET_ACCESS_KEY: 'eda-local-secret',
    AWS_SESSION_TOKEN: 'eda-local-session',
    // Keep the developer's ~/.aws profiles and endpoint settings out of the handler.
    AWS_CONFIG_FILE: join(options.stateDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(options.stateDir, 'no-aws-credentials'),
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    EDA_LOCAL: '1',
    // Lambda runs the function's own runtime; the SDK's warning about the laptop's Node
    // version would repeat in every worker.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  for (const variable of ENDPOINT_VARIABLES) env[variable] = addresses.endpoints.services;
  if (languageOf(fn.runtime) === 'python') Object.assign(env, pythonVariables(fn, options.cwd, addresses.endpoints.services, pass));
  for (const v of fn.environment) env[v.name] = addresses.resolve(v.value);
  return env;
}

function logStreamName(): string {
  const d = new Date();
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[$LATEST]${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`;
}

/**
 * What a Python function sees besides: its task root and Lambda's module.function handler,
 * unbuffered output, and AWS_ENDPOINT_URL (boto3 honours it and the AWS_ENDPOINT_URL_<SERVICE>
 * variables above, service id upper-cased with spaces as underscores, since 1.28). An active
 * virtualenv stays active, so its packages import.
 */
function pythonVariables(fn: FunctionModel, cwd: string, services: string, pass: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {
    LAMBDA_TASK_ROOT: resolve(cwd, fn.codeRoot ?? '.'),
    _HANDLER: lambdaHandler(fn.handlerFile, fn.handlerExport, fn.runtime, fn.codeRoot),
    PYTHONUNBUFFERED: '1',
    AWS_ENDPOINT_URL: services,
  };
  if (pass.VIRTUAL_ENV) env.VIRTUAL_ENV = pass.VIRTUAL_ENV;
  return env;
}
