import { request, type IncomingHttpHeaders } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';

/** Headers that describe one hop and must not be forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
  );
}

function forwardedFor(req: Request): string {
  const before = req.headers['x-forwarded-for'];
  const peer = req.socket.remoteAddress ?? '';
  return before ? `${String(before)}, ${peer}` : peer;
}

/**
 * Streams a request on to a department's HTTP route (`/forms`, `/imports`, `/csat`) and its
 * answer back, status, headers and body unchanged, adding the X-Forwarded-* headers. Written on
 * node:http instead of http-proxy-middleware, whose http-proxy calls the deprecated
 * `util._extend` and printed a DeprecationWarning on the first form post. A department that is
 * down is a 502 with a message that names no internal address.
 */
export function passThrough(
  serviceBaseUrl: string,
  service: string,
  /** Headers the gateway adds (its credential, say), computed per request. */
  extraHeaders: (req: Request) => Record<string, string> = () => ({}),
): RequestHandler {
  const base = new URL(serviceBaseUrl);
  return (req: Request, res: Response) => {
    const upstream = request(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: req.originalUrl,
        headers: {
          ...forwardable(req.headers),
          host: base.host,
          'x-forwarded-for': forwardedFor(req),
          'x-forwarded-proto': req.protocol,
          'x-forwarded-host': req.headers.host ?? '',
          ...extraHeaders(req),
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.status(502).json({
        errors: [{ message: `the ${service} service is not reachable; try again shortly` }],
      });
    });
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  };
}
