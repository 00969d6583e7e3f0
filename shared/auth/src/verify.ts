import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { viewerFromClaims, type CrmClaims, type Viewer } from './viewer';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

export type TokenVerifier = (token: string) => Promise<Viewer>;

/** Why a token was refused, in words a client developer can act on. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * Verifies RS256 tokens: signature against the issuer's JWKS (fetched and cached, refreshed
 * when an unknown key id appears), issuer, audience and expiry.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: 10_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5_000,
  });
  return async (token) => {
    try {
      const { payload } = await jwtVerify<CrmClaims>(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: 5,
      });
      return viewerFromClaims(payload);
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AuthenticationError('token expired');
      if (err instanceof errors.JWTClaimValidationFailed)
        throw new AuthenticationError(`token ${err.claim} is not accepted`);
      if (
        err instanceof errors.JWKSNoMatchingKey ||
        err instanceof errors.JWSSignatureVerificationFailed
      ) {
        throw new AuthenticationError('token signature is not valid');
      }
      if (err instanceof errors.JOSEError)
        throw new AuthenticationError(`token is not valid (${err.code})`);
      throw err;
    }
  };
}

/** `Bearer abc` -> `abc`; anything else -> null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
