// JWT verification for `eda dev`, as API Gateway does it: the signature against the issuer's
// keys, then issuer, expiry (and not-before), audience (aud or client_id) and scopes. The keys
// come from EDA_DEV_JWKS — a JWKS file in the project (read on every request, so it can be
// edited while dev runs) or a JWKS URL — or else from the issuer's OpenID discovery document.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** The signing algorithms API Gateway accepts for JWT authorizers. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export type JwtCheck = { ok: true; claims: JWTPayload; scopes: string[] } | { ok: false; status: 401 | 403; reason: string };

export interface JwtRequirements {
  /** The expected iss (undefined: not checked, e.g. a user pool ARN only known at deploy). */
  issuer?: string;
  /** Accepted aud or client_id values (empty: not checked). */
  audience: string[];
  /** Scopes of which the token needs one (empty: none needed). */
  scopes: string[];
  now: number;
}

export class JwtVerifier {
  private remote = new Map<string, JWTVerifyGetKey>();

  /** jwks: a JWKS file (relative to cwd) or an https:// URL; undefined: the issuer's discovery. */
  constructor(
    private readonly jwks: string | undefined,
    private readonly cwd: string,
  ) {}

  /** Where keys come from, for the dev banner. */
  describe(): string {
    return this.jwks ? `keys from ${this.jwks}` : "keys from each issuer's /.well-known/openid-configuration";
  }

  async verify(token: string, need: JwtRequirements): Promise<JwtCheck> {
    let payload: JWTPayload;
    try {
      const keys = await this.keys(need.issuer);
      ({ payload } = await jwtVerify(token, keys, { issuer: need.issuer, algorithms: ALGORITHMS, currentDate: new Date(need.now) }));
    } catch (error) {
      return { ok: false, status: 401, reason: reasonOf(error) };
    }
    const aud = payload.aud ?? payload.client_id;
    const audiences = Array.isArray(aud) ? aud.map(String) : aud === undefined ? [] : [String(aud)];
    if (need.audience.length && !audiences.some((a) => need.audience.includes(a))) return { ok: false, status: 401, reason: `audience ${audiences.join(', ') || '(none)'} is not one of ${need.audience.join(', ')}` };
    const scopes = scopesOf(payload);
    if (need.scopes.length && !need.scopes.some((s) => scopes.includes(s))) return { ok: false, status: 403, reason: `the token has none of the scopes ${need.scopes.join(', ')}` };
    return { ok: true, claims: payload, scopes };
  }

  private async keys(issuer: string | undefined): Promise<JWTVerifyGetKey> {
    if (this.jwks && !/^https?:\/\//.test(this.jwks)) {
      const file = isAbsolute(this.jwks) ? this.jwks : join(this.cwd, this.jwks);
      return createLocalJWKSet(JSON.parse(await readFile(file, 'utf8')));
    }
    const url = this.jwks ?? (issuer ? await discover(issuer) : undefined);
    if (!url) throw new Error('no issuer to discover keys from: set EDA_DEV_JWKS to a JWKS file');
    let keys = this.remote.get(url);
    if (!keys) this.remote.set(url, (keys = createRemoteJWKSet(new URL(url))));
    return keys;
  }
}

async function discover(issuer: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`the issuer's discovery document answered ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: string };
  if (!doc.jwks_uri) throw new Error("the issuer's discovery document has no jwks_uri");
  return doc.jwks_uri;
}

/** `scope` ("a b") or `scp` (["a", "b"]), as API Gateway reads them. */
function scopesOf(payload: JWTPayload): string[] {
  const s = payload.scope ?? payload.scp;
  return typeof s === 'string' ? s.split(' ').filter(Boolean) : Array.isArray(s) ? s.map(String) : [];
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim}: ${error.message}`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token (kid/alg)';
  return error instanceof Error ? error.message : String(error);
}

/** Claims as API Gateway passes them to the route: every value a string. */
export function flatClaims(claims: JWTPayload): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) flat[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return flat;
}
