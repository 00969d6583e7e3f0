import { AuthenticationError, GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential } from '@crm/auth';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** What a subgraph answers without the gateway's credential: what probes and peers need. */
const OPEN_PATHS = ['/healthz', '/readyz', '/metrics', '/.well-known/'];

/**
 * Puts `app` behind the gateway's credential: every request but health, metrics and the JWKS
 * needs a valid, unexpired `x-crm-gateway` header, on top of the user's token that `app` checks.
 * The caller's address the gateway vouches for becomes `res.locals.clientAddress`. Without a
 * secret (development and tests that call a subgraph directly) nothing is required and the
 * address is the socket's.
 */
export function behindGateway(app: Express, secret: string | undefined): Express {
  const outer = express();
  outer.disable('x-powered-by');
  outer.use((req: Request, res: Response, next: NextFunction) => {
    if (!secret || OPEN_PATHS.some((p) => req.path === p || req.path.startsWith(p))) return next();
    try {
      const claims = verifyGatewayCredential(
        secret,
        req.headers[GATEWAY_CREDENTIAL_HEADER] as string | undefined,
      );
      res.locals.clientAddress = claims.clientAddress;
      return next();
    } catch (err) {
      if (!(err instanceof AuthenticationError)) return next(err);
      res.status(401).json({
        data: null,
        errors: [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });
  outer.use(app);
  return outer;
}
