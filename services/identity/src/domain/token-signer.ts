import { createHash } from 'node:crypto';
import { claimsOf, type Viewer } from '@crm/auth';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  SignJWT,
  type JWK,
  type KeyLike,
} from 'jose';
import type { DataSource } from 'typeorm';
import { allPublicKeys, insertSigningKey, newestSigningKey } from '../db/signing-keys';

export interface TokenSigner {
  issue(viewer: Viewer): Promise<{ token: string; expiresAt: Date }>;
  jwks(): Promise<{ keys: JWK[] }>;
}

function kidOf(publicJwk: JWK): string {
  return createHash('sha256')
    .update(`${publicJwk.n}.${publicJwk.e}`)
    .digest('base64url')
    .slice(0, 16);
}

/**
 * Signs RS256 tokens for local and demo use. The key comes from JWT_PRIVATE_KEY when set;
 * otherwise one is generated on first start and kept in the database (so every replica and
 * every restart signs with the same key and the JWKS stays valid).
 */
export async function createTokenSigner(
  dataSource: DataSource,
  options: { issuer: string; audience: string; ttlSeconds: number; privateKeyPem?: string },
): Promise<TokenSigner> {
  let privateKey: KeyLike | Uint8Array;
  let kid: string;
  if (options.privateKeyPem) {
    const key = await importPKCS8(options.privateKeyPem, 'RS256', { extractable: true });
    const jwk = await exportJWK(key);
    const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e };
    kid = kidOf(publicJwk);
    await insertSigningKey(dataSource.manager, kid, jwk, {
      ...publicJwk,
      kid,
      alg: 'RS256',
      use: 'sig',
    });
    privateKey = key;
  } else {
    let stored = await newestSigningKey(dataSource.manager);
    if (!stored) {
      const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      const publicJwk = await exportJWK(pair.publicKey);
      const newKid = kidOf(publicJwk);
      await insertSigningKey(dataSource.manager, newKid, await exportJWK(pair.privateKey), {
        ...publicJwk,
        kid: newKid,
        alg: 'RS256',
        use: 'sig',
      });
      stored = await newestSigningKey(dataSource.manager);
    }
    kid = stored!.kid;
    privateKey = await importJWK(stored!.privateJwk, 'RS256');
  }
  return {
    async issue(viewer) {
      const expiresAt = new Date(Date.now() + options.ttlSeconds * 1000);
      const token = await new SignJWT({ ...claimsOf(viewer) })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(privateKey);
      return { token, expiresAt };
    },
    async jwks() {
      return { keys: await allPublicKeys(dataSource.manager) };
    },
  };
}
