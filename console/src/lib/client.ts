import { Client, fetchExchange, mapExchange, type CombinedError } from 'urql';
import { currentToken, endSession } from './session';

/** True when the gateway refused the token (expired, revoked or foreign). */
export function isUnauthenticated(error: CombinedError): boolean {
  const status = (error.response as Response | undefined)?.status;
  return (
    status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
  );
}

// One client for the whole app: the gateway at the same origin, the token on every request
// (none before login, which is the only public operation), expiry ends the session.
export function createClient(): Client {
  return new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    fetchOptions: () => {
      const token = currentToken();
      return token ? { headers: { authorization: `Bearer ${token}` } } : {};
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) endSession('expired');
        },
      }),
      fetchExchange,
    ],
  });
}
