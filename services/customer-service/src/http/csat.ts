import type { Logger } from '@crm/config';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { answerSurvey, type AnswerOutcome } from '../domain/csat/answer-survey';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

type Refusal = { field: string | null; code: string; message: string };

function refuse(res: Response, status: number, errors: Refusal[]): void {
  res.status(status).json({ errors });
}

const NOT_FOUND: Refusal = { field: null, code: 'NOT_FOUND', message: 'no survey has this link' };

const REPLIES: Record<
  Exclude<AnswerOutcome['status'], 'answered' | 'invalid'>,
  [number, Refusal]
> = {
  'not-found': [404, NOT_FOUND],
  expired: [
    410,
    { field: null, code: 'EXPIRED', message: 'this survey can no longer be answered' },
  ],
  'already-answered': [
    409,
    { field: null, code: 'ALREADY_ANSWERED', message: 'this survey was already answered' },
  ],
};

/**
 * `POST /csat/:token`: the customer's answer to a satisfaction survey (public, no login; the
 * gateway passes /csat through). 201 once saved; 422 with an error per bad field; 409 when
 * already answered; 410 after expiry; 404 for an unknown link.
 */
export function mountCsat(app: Express, options: { dataSource: DataSource; logger: Logger }): void {
  const router = express.Router();
  router.post(
    '/:token',
    express.json({ limit: '8kb' }),
    express.urlencoded({ extended: false, limit: '8kb' }),
    async (req, res, next) => {
      const token = String(req.params.token);
      if (!TOKEN.test(token)) return refuse(res, 404, [NOT_FOUND]);
      const body: unknown = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return refuse(res, 422, [
          { field: null, code: 'INVALID', message: 'the answer must be an object of fields' },
        ]);
      }
      try {
        const outcome = await answerSurvey(
          options.dataSource,
          token,
          body as Record<string, unknown>,
        );
        if (outcome.status === 'answered') return void res.status(201).json({ answered: true });
        if (outcome.status === 'invalid') return refuse(res, 422, outcome.errors);
        const [status, refusal] = REPLIES[outcome.status];
        refuse(res, status, [refusal]);
      } catch (err) {
        next(err);
      }
    },
  );
  router.use((err: Error & { type?: string }, _req: Request, res: Response, _n: NextFunction) => {
    if (err.type === 'entity.parse.failed')
      return refuse(res, 400, [
        { field: null, code: 'BAD_REQUEST', message: `the body is not valid JSON: ${err.message}` },
      ]);
    options.logger.error({ err }, 'survey answer failed');
    refuse(res, 503, [
      { field: null, code: 'UNAVAILABLE', message: 'the answer could not be saved; try again' },
    ]);
  });
  app.use('/csat', router);
}
