import type { Logger } from '@crm/config';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { hitRateWindow } from '../db/rate-limit';
import { submitWebForm, type FormError } from '../domain/submit-web-form';

export interface WebFormOptions {
  dataSource: DataSource;
  logger: Logger;
  /** Submissions one client may make to one form per window. */
  rateLimit: number;
  rateWindowSeconds: number;
}

const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The poster's address: the one the gateway vouches for in its credential when the service runs
 * behind it (a client's own X-Forwarded-For is never believed), else Express's view.
 */
const clientAddressOf = (req: Request, res: Response): string =>
  (res.locals.clientAddress as string | undefined) ?? req.ip ?? 'unknown';

function refuse(res: Response, status: number, errors: FormError[]): void {
  res.status(status).json({ errors });
}

/** Websites on any origin may post (no cookies or credentials are involved). */
function cors(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'content-type');
  res.setHeader('access-control-max-age', '600');
  next();
}

/**
 * `POST /forms/:formKey`: the public web form of a campaign (JSON or urlencoded, no login).
 * 201 once the lead and its event committed; 422 with field errors; 429 over the rate limit
 * (per client IP and form, counted in Postgres so replicas share it); 404 for an unknown key.
 */
export function mountWebForm(app: Express, options: WebFormOptions): void {
  const { dataSource, logger, rateLimit, rateWindowSeconds } = options;
  const router = express.Router();
  router.use(cors);
  router.options('/:formKey', (_req, res) => void res.status(204).end());
  router.post(
    '/:formKey',
    async (req, res, next) => {
      const formKey = String(req.params.formKey);
      if (!FORM_KEY.test(formKey)) {
        return refuse(res, 404, [
          { field: null, code: 'NOT_FOUND', message: 'no web form has this key' },
        ]);
      }
      try {
        const { hits, retryAfter } = await hitRateWindow(
          dataSource.manager,
          formKey,
          clientAddressOf(req, res),
          rateWindowSeconds,
        );
        if (hits > rateLimit) {
          res.setHeader('retry-after', String(retryAfter));
          return refuse(res, 429, [
            {
              field: null,
              code: 'RATE_LIMITED',
              message: `too many submissions from your address to this form: at most ${rateLimit} every ${rateWindowSeconds} seconds; try again in ${retryAfter} seconds`,
            },
          ]);
        }
        next();
      } catch (err) {
        next(err);
      }
    },
    express.json({ limit: '16kb' }),
    express.urlencoded({ extended: false, limit: '16kb' }),
    async (req, res, next) => {
      if (!req.is(['application/json', 'application/x-www-form-urlencoded'])) {
        return refuse(res, 415, [
          {
            field: null,
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: 'send the form as application/json or application/x-www-form-urlencoded',
          },
        ]);
      }
      const body: unknown = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return refuse(res, 422, [
          { field: null, code: 'INVALID', message: 'the form must be an object of fields' },
        ]);
      }
      try {
        const outcome = await submitWebForm(dataSource, {
          formKey: String(req.params.formKey),
          body: body as Record<string, unknown>,
          ip: clientAddressOf(req, res),
          userAgent: req.get('user-agent') ?? null,
        });
        switch (outcome.status) {
          case 'accepted':
            return void res
              .status(201)
              .json({ accepted: true, submissionId: outcome.submissionId });
          case 'invalid':
            return refuse(res, 422, outcome.errors);
          case 'not-found':
            return refuse(res, 404, [
              { field: null, code: 'NOT_FOUND', message: 'no web form has this key' },
            ]);
          case 'closed':
            return refuse(res, 409, [
              {
                field: null,
                code: 'FORM_CLOSED',
                message: `this form does not accept submissions: its campaign is ${outcome.campaignStatus.toLowerCase()}`,
              },
            ]);
        }
      } catch (err) {
        next(err);
      }
    },
  );
  router.use(
    (err: Error & { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
      if (err.type === 'entity.parse.failed')
        return refuse(res, 400, [
          {
            field: null,
            code: 'BAD_REQUEST',
            message: `the body is not valid JSON: ${err.message}`,
          },
        ]);
      if (err.type === 'entity.too.large')
        return refuse(res, 413, [
          { field: null, code: 'TOO_LARGE', message: 'the form is larger than 16 kB' },
        ]);
      logger.error({ err }, 'web form submission failed');
      // not accepted: nothing was committed, the website may retry
      refuse(res, 503, [
        {
          field: null,
          code: 'UNAVAILABLE',
          message: 'the submission could not be saved; please try again',
        },
      ]);
    },
  );
  app.use('/forms', router);
}
