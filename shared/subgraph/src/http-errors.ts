import { AuthenticationError, bearerToken, type TokenVerifier } from '@crm/auth';
import type { Logger } from '@crm/config';
import type { NextFunction, Request, Response } from 'express';

const refuse = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * The last Express error handler of the gateway and of every subgraph: a body over the size
 * limit is a 413, an unreadable one a 400; anything else is logged and answered as a 500
 * without details.
 */
export function httpErrorHandler(logger: Logger) {
  return (err: Error & { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large')
      return refuse(res, 413, 'PAYLOAD_TOO_LARGE', `request body too large: ${err.message}`);
    if (err.type === 'entity.parse.failed')
      return refuse(res, 400, 'BAD_REQUEST', `bad request body: ${err.message}`);
    logger.error({ err }, 'request failed');
    refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
  };
}

/** An error answer of a plain HTTP route, shaped like a GraphQL error: `{ errors: [...] }`. */
export function sendHttpError(res: Response, status: number, code: string, message: string): void {
  refuse(res, status, code, message);
}

/**
 * Middleware of a plain HTTP route (imports, report exports) that needs a signed-in employee:
 * the Bearer token is verified and the viewer put in `res.locals.viewer`; a missing or bad token
 * is a 401 that says what to send.
 */
export function requireBearerViewer(verifyToken: TokenVerifier) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    if (!token)
      return refuse(
        res,
        401,
        'UNAUTHENTICATED',
        'authentication required: send Authorization: Bearer <token>',
      );
    try {
      res.locals.viewer = await verifyToken(token);
    } catch (err) {
      if (err instanceof AuthenticationError)
        return refuse(res, 401, 'UNAUTHENTICATED', `authentication failed: ${err.message}`);
      return next(err);
    }
    next();
  };
}
