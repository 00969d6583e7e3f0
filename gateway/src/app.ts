import { randomUUID } from 'node:crypto';
import { ApolloGateway, type SupergraphManager } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  AuthenticationError,
  bearerToken,
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredential,
  type TokenVerifier,
} from '@crm/auth';
import { runReadinessChecks, type Logger } from '@crm/config';
import {
  httpErrorHandler,
  queryLimitOptions,
  singlePublicFieldPlugin,
  type QueryLimits,
} from '@crm/subgraph';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { serveConsole } from './console';
import { loginRequired, PUBLIC_FIELDS, publicRootFields } from './login-required';
import { passThrough } from './pass-through';
import { SubgraphSource, type GatewayContext } from './subgraph-source';

export interface GatewayOptions {
  supergraph: SupergraphManager;
  /** Subgraph name -> URL; overrides the routing URL written in the supergraph. */
  subgraphUrls: Record<string, string | undefined>;
  verifyToken: TokenVerifier;
  logger: Logger;
  introspection: boolean;
  /** Signs the credential subgraphs require (GATEWAY_SECRET); none: subgraphs require none. */
  gatewaySecret?: string;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe (default none). */
  trustProxy?: boolean | number | string;
  /** Enforced in every environment. */
  limits: QueryLimits;
  /** The built web console to serve at / (null: none). */
  consoleDir?: string | null;
}

export interface GatewayApp {
  app: Express;
  stop(): Promise<void>;
}

/** Express's view of the caller: the socket, or the X-Forwarded-For of trusted proxies. */
const clientAddressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql\/?$/, '');

/** HTTP paths the gateway passes to a service as they are (uploads, public web forms, surveys, report exports). */
const PASS_THROUGH: { path: string; service: string }[] = [
  { path: '/imports', service: 'sales' },
  { path: '/forms', service: 'marketing' },
  { path: '/csat', service: 'customer-service' },
  { path: '/reports', service: 'analytics' },
];

export async function createGatewayApp(options: GatewayOptions): Promise<GatewayApp> {
  const { logger } = options;
  const routingUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    logger: logger.child({ component: 'apollo-gateway' }),
    supergraphSdl: options.supergraph,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url!;
      routingUrls.set(name, target);
      return new SubgraphSource(name, target, logger, options.gatewaySecret);
    },
  });
  const { plugins, ...limitOptions } = queryLimitOptions<GatewayContext>(options.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // the process's own shutdown handles SIGTERM/SIGINT: Apollo's handler stops the server and
    // re-raises the signal, which killed the process before consumers left their groups
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo-server' }),
    ...limitOptions,
    plugins: [...plugins, singlePublicFieldPlugin<GatewayContext>(PUBLIC_FIELDS)],
    // a last guard: whatever a library attaches to an error, clients never see a subgraph's
    // address or raw answer (SubgraphSource already words the errors of failed calls)
    formatError: (formatted) => {
      const {
        response: _response,
        exception: _exception,
        ...extensions
      } = formatted.extensions ?? {};
      const leaks = [...routingUrls.values()].some((url) =>
        formatted.message.includes(new URL(url).host),
      );
      return {
        ...formatted,
        message: leaks
          ? 'a service could not answer; the gateway logged the details'
          : formatted.message,
        extensions,
      };
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await runReadinessChecks(
      [...routingUrls].map(([name, url]) => ({
        name,
        check: async () => {
          const answer = await fetch(`${baseOf(url)}/healthz`, {
            signal: AbortSignal.timeout(1_500),
          });
          if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
        },
      })),
    );
    const ready = report.ready && routingUrls.size > 0;
    res.status(ready ? 200 : 503).json({ service: 'gateway', ...report, ready });
  });
  for (const { path, service } of PASS_THROUGH) {
    const url = options.subgraphUrls[service];
    if (!url) continue;
    app.use(
      path,
      passThrough(baseOf(url), service, (req): Record<string, string> =>
        options.gatewaySecret
          ? {
              [GATEWAY_CREDENTIAL_HEADER]: gatewayCredential(options.gatewaySecret, {
                clientAddress: clientAddressOf(req),
                requestId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
              }),
            }
          : {},
      ),
    );
  }

  const unauthenticated = (res: Response, message: string) =>
    res
      .status(401)
      .json({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  const publicFields = publicRootFields(options.introspection);

  // Bad tokens are refused here, before any subgraph is called, and so are requests without a
  // token unless they ask only for public fields (`login`); each subgraph checks again.
  const checkToken = async (req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    if (!req.headers.authorization) {
      const body = (req.method === 'GET' ? req.query : req.body) as
        Record<string, unknown> | undefined;
      const refusal = loginRequired(body?.query, body?.operationName, publicFields);
      return refusal ? unauthenticated(res, refusal) : next();
    }
    const token = bearerToken(req.headers.authorization);
    try {
      if (!token)
        throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
      await options.verifyToken(token);
      return next();
    } catch (err) {
      if (!(err instanceof AuthenticationError)) return next(err);
      unauthenticated(res, `authentication failed: ${err.message}`);
    }
  };
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    checkToken,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        authorization: req.headers.authorization,
        requestId: res.locals.requestId as string,
        clientAddress: clientAddressOf(req),
      }),
    }),
  );
  if (options.consoleDir) {
    const served = serveConsole(app, options.consoleDir);
    logger.info(
      { dir: options.consoleDir, served },
      served ? 'serving the console at /' : 'the console is not built; not serving it',
    );
  }
  app.use(httpErrorHandler(logger));
  return { app, stop: () => apollo.stop() };
}
