import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GATEWAY_CREDENTIAL_HEADER, gatewayCredential } from '@crm/auth';
import type { Logger } from '@crm/config';
import { GraphQLError } from 'graphql';

export interface GatewayContext {
  authorization?: string;
  requestId: string;
  /** The caller's address (the socket's, or from trusted proxies' X-Forwarded-For). */
  clientAddress: string;
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'BAD_REQUEST',
  429: 'TOO_MANY_REQUESTS',
};

interface ErrorBody {
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * A subgraph as the gateway calls it: forwards the caller's token and request id, and turns what
 * went wrong on the way (HTTP errors, unreachable services) into errors that name the service,
 * never its address nor its raw answer (those go to the log with the request id).
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly service: string,
    url: string,
    private readonly logger: Logger,
    gatewaySecret: string | undefined,
  ) {
    super({
      url,
      willSendRequest({ request, context }) {
        if (context.authorization)
          request.http?.headers.set('authorization', context.authorization);
        if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
        if (gatewaySecret) {
          request.http?.headers.set(
            GATEWAY_CREDENTIAL_HEADER,
            gatewayCredential(gatewaySecret, {
              clientAddress: context.clientAddress,
              requestId: context.requestId,
            }),
          );
        }
      },
    });
  }

  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ) {
    const body = (await this.parseBody(response).catch(() => null)) as ErrorBody | string | null;
    this.logger.warn(
      { service: this.service, status: response.status, body },
      'subgraph answered with an HTTP error',
    );
    // our subgraphs explain auth failures themselves ("authentication failed: token expired")
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    const code = CODES[response.status] ?? 'SERVICE_FAILED';
    if (code !== 'SERVICE_FAILED' && typeof first?.message === 'string')
      return new GraphQLError(first.message, { extensions: { code } });
    return new GraphQLError(
      `the ${this.service} service could not answer (HTTP ${response.status}); it logged the details`,
      { extensions: { code } },
    );
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    this.logger.error({ service: this.service, err: error }, 'subgraph unreachable');
    throw new GraphQLError(`the ${this.service} service is not reachable; try again shortly`, {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  }
}
