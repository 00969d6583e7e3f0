import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { AuthenticationError, bearerToken, type TokenVerifier } from '@crm/auth';
import {
  runReadinessChecks,
  type Logger,
  type ReadinessCheck,
  type ServiceName,
} from '@crm/config';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { BaseContext } from './context';
import { httpErrorHandler } from './http-errors';
import { isPublicOperation } from './public-operation';
import { DEFAULT_QUERY_LIMITS, queryLimitOptions, type QueryLimits } from './query-limits';
import { DateTimeScalar, JSONScalar } from './scalars';
import { singlePublicFieldPlugin } from './single-public-field';

export interface SubgraphAppOptions<C extends BaseContext> {
  service: ServiceName;
  typeDefs: DocumentNode;
  /** A resolver map; services pass their codegen-typed `Resolvers`. */
  resolvers: object;
  verifyToken: TokenVerifier;
  readiness: ReadinessCheck[];
  logger: Logger;
  /** Builds the per-request context (loaders are created here, once per request). */
  context: (base: BaseContext) => C;
  /** Root fields that may be called without a token (identity's `login`). */
  publicFields?: string[];
  /** Off by default: only development turns it on (the gateway composes from SDL files). */
  introspection?: boolean;
  /** A second line behind the gateway's limits; DEFAULT_QUERY_LIMITS unless given. */
  limits?: QueryLimits;
  /** Extra HTTP routes, mounted before /graphql. */
  routes?: (app: Express) => void;
}

export interface SubgraphApp<C extends BaseContext = BaseContext> {
  app: Express;
  apollo: ApolloServer<C>;
}

function unauthenticated(res: Response, message: string): void {
  res
    .status(401)
    .json({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

function errorLogger(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const err of errors) {
            const code = err.extensions?.code;
            if (!code || code === 'INTERNAL_SERVER_ERROR') {
              logger.error(
                {
                  err: err.originalError ?? err,
                  requestId: contextValue.requestId,
                  path: err.path,
                },
                'resolver failed',
              );
            }
          }
        },
      };
    },
  };
}

/**
 * The HTTP app of a subgraph: /healthz (alive), /readyz (what serving HTTP needs is reachable;
 * `?full`: also Kafka and the consumers) and /graphql.
 * Every GraphQL request needs a valid token (signature, issuer, audience, expiry), except one
 * whose root fields are all public; without it the answer is 401 and no data, `_entities` too.
 */
export async function createSubgraphApp<C extends BaseContext>(
  options: SubgraphAppOptions<C>,
): Promise<SubgraphApp<C>> {
  const { logger, verifyToken, publicFields = [] } = options;
  const schema = buildSubgraphSchema([
    {
      typeDefs: options.typeDefs,
      resolvers: {
        DateTime: DateTimeScalar,
        JSON: JSONScalar,
        ...options.resolvers,
      } as GraphQLResolverMap<unknown>,
    },
  ]);
  const { plugins: limitPlugins, ...limitOptions } = queryLimitOptions<C>(
    options.limits ?? DEFAULT_QUERY_LIMITS,
  );
  const apollo = new ApolloServer<C>({
    schema,
    introspection: options.introspection ?? false,
    includeStacktraceInErrorResponses: false,
    // the process's own shutdown handles SIGTERM/SIGINT: Apollo's handler stops the server and
    // re-raises the signal, which killed the process before consumers left their groups
    stopOnTerminationSignals: false,
    ...limitOptions,
    // no Apollo Studio traces: the gateway does not report to Studio
    plugins: [
      errorLogger(logger) as ApolloServerPlugin<C>,
      ApolloServerPluginInlineTraceDisabled(),
      ...limitPlugins,
      singlePublicFieldPlugin<C>(publicFields),
    ],
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (
        code === 'INTERNAL_SERVER_ERROR' &&
        !(error instanceof GraphQLError && error.originalError instanceof GraphQLError)
      ) {
        return { ...formatted, message: 'internal error; the service logged the details' };
      }
      return formatted;
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.service });
  });
  app.get('/readyz', async (req, res) => {
    const report = await runReadinessChecks(options.readiness, undefined, {
      full: req.query.full !== undefined,
    });
    res.status(report.ready ? 200 : 503).json({ service: options.service, ...report });
  });
  options.routes?.(app);

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const token = bearerToken(req.headers.authorization);
    if (token) {
      try {
        res.locals.viewer = await verifyToken(token);
        return next();
      } catch (err) {
        if (err instanceof AuthenticationError)
          return unauthenticated(res, `authentication failed: ${err.message}`);
        return next(err);
      }
    }
    if (req.headers.authorization)
      return unauthenticated(res, 'the Authorization header must be "Bearer <token>"');
    const body =
      req.method === 'GET' ? req.query : (req.body as Record<string, unknown> | undefined);
    if (isPublicOperation(body?.query, body?.operationName, publicFields)) return next();
    return unauthenticated(res, 'authentication required: send Authorization: Bearer <token>');
  };

  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    authenticate,
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        options.context({
          viewer: res.locals.viewer ?? null,
          requestId: res.locals.requestId as string,
          clientAddress:
            (res.locals.clientAddress as string | undefined) ??
            req.socket.remoteAddress ??
            'unknown',
          logger: logger.child({ requestId: res.locals.requestId }),
        }),
    }),
  );
  app.use(httpErrorHandler(logger));
  return { app, apollo };
}
