import { AuthenticationError } from '../src/verify';
import {
  GATEWAY_CREDENTIAL_TTL_SECONDS,
  gatewayCredential,
  verifyGatewayCredential,
} from '../src/gateway-credential';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const claims = { clientAddress: '203.0.113.7', requestId: 'r1' };

describe('the gateway credential', () => {
  it('carries the caller address and request id for the secret it was made with', () => {
    expect(verifyGatewayCredential(SECRET, gatewayCredential(SECRET, claims))).toEqual(claims);
  });

  it.each([
    ['is missing', undefined, /no gateway credential/],
    ['is made with another secret', gatewayCredential(`${SECRET}x`, claims), /not valid/],
    [
      'has its claims changed',
      `${Buffer.from('{"exp":9999999999,"addr":"1.2.3.4"}').toString('base64url')}.${gatewayCredential(SECRET, claims).split('.')[1]}`,
      /not valid/,
    ],
    ['has extra parts', `${gatewayCredential(SECRET, claims)}.x`, /not valid/],
    ['is garbage', 'garbage', /not valid/],
  ])('is refused when it %s', (_, credential, message) => {
    expect(() => verifyGatewayCredential(SECRET, credential)).toThrow(AuthenticationError);
    expect(() => verifyGatewayCredential(SECRET, credential)).toThrow(message);
  });

  it(`expires ${GATEWAY_CREDENTIAL_TTL_SECONDS} s after it was made`, () => {
    const madeAt = Date.now();
    const credential = gatewayCredential(SECRET, claims, madeAt);
    expect(() =>
      verifyGatewayCredential(SECRET, credential, madeAt + GATEWAY_CREDENTIAL_TTL_SECONDS * 1000),
    ).not.toThrow();
    expect(() =>
      verifyGatewayCredential(
        SECRET,
        credential,
        madeAt + (GATEWAY_CREDENTIAL_TTL_SECONDS + 1) * 1000,
      ),
    ).toThrow(/expired/);
  });
});
