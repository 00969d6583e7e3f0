// The web console (console/dist) at /, on the origin of /graphql: its files as they are, and its
// index.html for any other page address so the single-page app's routes load on reload.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths the gateway answers itself; the console never shadows them. */
const GATEWAY_PATHS = /^\/(graphql|healthz|readyz|metrics|imports|forms|csat|assets)(\/|$)/;

/** Serves the console when it was built; answers whether it did. Mount after every API route. */
export function serveConsole(app: Express, dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    express.static(dir, {
      index: false,
      // file names under assets/ carry a content hash
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (GATEWAY_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
