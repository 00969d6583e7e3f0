import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { claimsOf, createTokenVerifier, type TokenVerifier, type Viewer } from '@crm/auth';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/** A token issuer for tests: its own RSA key, a JWKS endpoint on a local port, and tokens. */
export interface TestIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  verifyToken: TokenVerifier;
  tokenFor(
    viewer: Viewer,
    options?: { expiresIn?: string | number; audience?: string; issuer?: string },
  ): Promise<string>;
  /** A well-formed token signed by a key the JWKS does not have. */
  foreignToken(viewer: Viewer): Promise<string>;
  stop(): Promise<void>;
}

async function sign(
  key: KeyLike,
  kid: string,
  viewer: Viewer,
  issuer: string,
  audience: string,
  expiresIn: string | number,
) {
  return new SignJWT({ ...claimsOf(viewer) })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = 'http://crm-test-issuer';
  const audience = 'crm';
  const jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
  const stranger = await generateKeyPair('RS256');
  return {
    issuer,
    audience,
    jwksUrl,
    verifyToken: createTokenVerifier({ issuer, audience, jwksUrl }),
    tokenFor: (viewer, options = {}) =>
      sign(
        privateKey,
        'test-key',
        viewer,
        options.issuer ?? issuer,
        options.audience ?? audience,
        options.expiresIn ?? '1h',
      ),
    foreignToken: (viewer) => sign(stranger.privateKey, 'test-key', viewer, issuer, audience, '1h'),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
