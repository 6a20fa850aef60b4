// A local Secrets Manager (JSON 1.1) for functions that `use` a secret: GetSecretValue
// and DescribeSecret answer from .eda/secrets.json in the project (git-ignored), read on
// every call so edits apply at once: { "stripe-key": "sk_test_…", "db": { "user": "…" } }.
import { readFileSync } from 'node:fs';
import type { Addresses } from '../addresses.js';
import { ApiError, jsonError, jsonResponse, type ApiRequest, type ApiResponse } from './protocol.js';

export interface SecretsApiDeps {
  addresses: Addresses;
  /** The secrets file (.eda/secrets.json). */
  file: string;
}

const CT = 'application/x-amz-json-1.1';

function nameOf(secretId: string): string {
  if (!secretId.startsWith('arn:')) return secretId;
  const name = secretId.split(':secret:')[1] ?? secretId;
  return name.replace(/-[A-Za-z0-9]{6}$/, '');
}

export function readSecrets(file: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function handleSecrets(deps: SecretsApiDeps, req: ApiRequest): ApiResponse {
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = target.slice(target.indexOf('.') + 1);
  try {
    const p = req.body.length ? (JSON.parse(req.body.toString('utf8')) as { SecretId?: string }) : {};
    const name = nameOf(String(p.SecretId ?? ''));
    const secrets = readSecrets(deps.file);
    if (!(name in secrets)) {
      throw new ApiError('ResourceNotFoundException', `Secrets Manager can't find the specified secret. (eda dev: add "${name}" to ${deps.file})`);
    }
    const arn = `arn:aws:secretsmanager:${deps.addresses.region}:${deps.addresses.account}:secret:${name}-LOCAL0`;
    const value = secrets[name];
    switch (action) {
      case 'GetSecretValue':
        return jsonResponse(
          { ARN: arn, Name: name, VersionId: '00000000-0000-0000-0000-000000000000', SecretString: typeof value === 'string' ? value : JSON.stringify(value), VersionStages: ['AWSCURRENT'], CreatedDate: 0 },
          CT,
        );
      case 'DescribeSecret':
        return jsonResponse({ ARN: arn, Name: name }, CT);
      default:
        throw new ApiError('InvalidRequestException', `${action} is not supported by the local Secrets Manager`);
    }
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('InternalServiceError', (error as Error).message, 500);
    return jsonError(e, 'com.amazonaws.secretsmanager', CT);
  }
}
