// A local token issuer for tests: an RS256 and an ES256 key pair, their JWKS written to a
// file (what EDA_DEV_JWKS points at), and tokens signed with them — or with a key the JWKS
// does not hold, for the bad-signature case.
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestIssuer {
  jwksFile: string;
  sign(claims: JWTPayload, options?: { alg?: 'RS256' | 'ES256'; expiresIn?: string | number; forged?: boolean }): Promise<string>;
}

export async function testIssuer(dir = mkdtempSync(join(tmpdir(), 'eda-jwks-'))): Promise<TestIssuer> {
  const rs = await generateKeyPair('RS256', { extractable: true });
  const es = await generateKeyPair('ES256', { extractable: true });
  const forged = await generateKeyPair('RS256', { extractable: true });
  const keys = [
    { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
  ];
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys }));
  return {
    jwksFile,
    async sign(claims, options = {}) {
      const alg = options.alg ?? 'RS256';
      const key = options.forged ? forged.privateKey : alg === 'RS256' ? rs.privateKey : es.privateKey;
      const jwt = new SignJWT(claims).setProtectedHeader({ alg, kid: alg === 'RS256' ? 'rs' : 'es' }).setIssuedAt();
      if (claims.exp === undefined) jwt.setExpirationTime(options.expiresIn ?? '5m');
      return jwt.sign(key);
    },
  };
}
