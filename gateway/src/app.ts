import { randomUUID } from 'node:crypto';
import { ApolloGateway, RemoteGraphQLDataSource, type SupergraphManager } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { AuthenticationError, bearerToken, type TokenVerifier } from '@crm/auth';
import { runReadinessChecks, type Logger } from '@crm/config';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { queryLimitsPlugin } from './limits';

export interface GatewayOptions {
  supergraph: SupergraphManager;
  /** Subgraph name -> URL; overrides the routing URL written in the supergraph. */
  subgraphUrls: Record<string, string | undefined>;
  verifyToken: TokenVerifier;
  logger: Logger;
  introspection: boolean;
  limits: { maxDepth: number; maxCost: number } | null;
}

interface GatewayContext {
  authorization?: string;
  requestId: string;
}

export interface GatewayApp {
  app: Express;
  stop(): Promise<void>;
}

const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql\/?$/, '');

/** HTTP paths the gateway passes to a service as they are (uploads and public web forms). */
const PASS_THROUGH: { path: string; service: string }[] = [
  { path: '/imports', service: 'sales' },
  { path: '/forms', service: 'marketing' },
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
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: target,
        willSendRequest({ request, context }) {
          if (context.authorization)
            request.http?.headers.set('authorization', context.authorization);
          if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
        },
      });
    },
  });
  const plugins: ApolloServerPlugin<GatewayContext>[] = [];
  if (options.limits)
    plugins.push(queryLimitsPlugin(options.limits.maxDepth, options.limits.maxCost));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    logger: logger.child({ component: 'apollo-server' }),
    plugins,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
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
      createProxyMiddleware({ target: `${baseOf(url)}${path}`, changeOrigin: true, xfwd: true }),
    );
  }

  // Bad tokens are refused here, before any subgraph is called; requests without a token go on
  // (the public `login` field) and each subgraph refuses what needs one.
  const checkToken = async (req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    if (!req.headers.authorization) return next();
    const token = bearerToken(req.headers.authorization);
    try {
      if (!token)
        throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
      await options.verifyToken(token);
      return next();
    } catch (err) {
      if (!(err instanceof AuthenticationError)) return next(err);
      res
        .status(401)
        .json({
          data: null,
          errors: [
            {
              message: `authentication failed: ${err.message}`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
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
      }),
    }),
  );
  app.use((err: Error & { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({
          errors: [
            { message: `bad request body: ${err.message}`, extensions: { code: 'BAD_REQUEST' } },
          ],
        });
      return;
    }
    logger.error({ err }, 'request failed');
    res
      .status(500)
      .json({
        errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
  });
  return { app, stop: () => apollo.stop() };
}
