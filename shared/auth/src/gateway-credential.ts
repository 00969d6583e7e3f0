import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './verify';

/** The header the gateway puts its credential in on every call to a subgraph. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-crm-gateway';
/** How long a credential is accepted after the gateway made it. */
export const GATEWAY_CREDENTIAL_TTL_SECONDS = 60;
export const MIN_GATEWAY_SECRET_LENGTH = 32;

export interface GatewayClaims {
  /** The caller's address as the gateway saw it (what login throttling counts). */
  clientAddress: string;
  requestId: string;
}

const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * `<payload>.<HMAC-SHA256(secret, payload)>`, base64url, where the payload holds the expiry, the
 * caller's address and the request id. Synchronous and cheap: made for every subgraph call.
 */
export function gatewayCredential(secret: string, claims: GatewayClaims, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({
      exp: Math.ceil(now / 1000) + GATEWAY_CREDENTIAL_TTL_SECONDS,
      addr: claims.clientAddress,
      rid: claims.requestId,
    }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claims of a credential made with `secret` that has not expired; else AuthenticationError. */
export function verifyGatewayCredential(
  secret: string,
  credential: string | undefined,
  now = Date.now(),
): GatewayClaims {
  if (!credential)
    throw new AuthenticationError('only the gateway may call this service (no gateway credential)');
  const [payload, signature, extra] = credential.split('.');
  const expected = Buffer.from(mac(secret, payload ?? ''));
  const given = Buffer.from(signature ?? '');
  if (
    !payload ||
    extra !== undefined ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw new AuthenticationError('the gateway credential is not valid');
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    exp?: unknown;
    addr?: unknown;
    rid?: unknown;
  };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < now)
    throw new AuthenticationError('the gateway credential has expired');
  return {
    clientAddress: typeof claims.addr === 'string' ? claims.addr : 'unknown',
    requestId: typeof claims.rid === 'string' ? claims.rid : '',
  };
}
