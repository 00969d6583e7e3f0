import { recordAudit } from '@crm/database';
import { csatReasons, publishEvent, ticketCsatReceived } from '@crm/events';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { lockSurveyByToken, saveAnswer } from '../../db/csat-surveys';
import { findTicketsByIds } from '../../db/tickets';

export interface AnswerError {
  field: string | null;
  code: 'REQUIRED' | 'INVALID';
  message: string;
}

export type AnswerOutcome =
  | { status: 'answered' }
  | { status: 'invalid'; errors: AnswerError[] }
  | { status: 'not-found' }
  | { status: 'expired' }
  | { status: 'already-answered' };

const answerInput = z.object({
  score: z.coerce
    .number('must be a number from 1 to 5')
    .int('must be a whole number from 1 to 5')
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5'),
  reason: z
    .enum(csatReasons, `must be one of ${csatReasons.join(', ')}`)
    .nullish()
    .transform((v) => v ?? null),
  comment: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .nullish()
    .transform((v) => v || null),
});

function validate(body: Record<string, unknown>) {
  const cleaned = { ...body, reason: body.reason === '' ? null : body.reason };
  const result = answerInput.safeParse(cleaned);
  if (result.success) return { ok: true as const, value: result.data };
  const errors = result.error.issues.map((issue): AnswerError => {
    const field = issue.path.join('.') || null;
    const value = field ? body[field] : body;
    const missing = value === undefined || value === null || value === '';
    return {
      field,
      code: missing ? 'REQUIRED' : 'INVALID',
      message: `${field ?? 'answer'}: ${missing ? 'is required' : issue.message}`,
    };
  });
  return { ok: false as const, errors };
}

/**
 * The customer's answer to a survey (public, by token): a score 1-5, a reason, a comment. One
 * answer per survey, before it expires (judged by the database's clock); the answer, its audit
 * record and ticket.csat_received commit together.
 */
export async function answerSurvey(
  dataSource: DataSource,
  token: string,
  body: Record<string, unknown>,
): Promise<AnswerOutcome> {
  const input = validate(body);
  return dataSource.transaction(async (tx): Promise<AnswerOutcome> => {
    const survey = await lockSurveyByToken(tx, token);
    if (!survey) return { status: 'not-found' };
    if (survey.answeredAt) return { status: 'already-answered' };
    if (survey.expired) return { status: 'expired' };
    if (!input.ok) return { status: 'invalid', errors: input.errors };
    const answered = await saveAnswer(tx, survey.id, input.value);
    const [ticket] = await findTicketsByIds(tx, [survey.ticketId]);
    await recordAudit(tx, {
      actorId: null,
      action: 'csat.answer',
      entityType: 'Ticket',
      entityId: ticket.id,
      after: { surveyId: survey.id, score: answered.score, reason: answered.reason },
    });
    await publishEvent(tx, ticketCsatReceived, {
      surveyId: survey.id,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      assigneeId: ticket.assigneeId,
      score: input.value.score,
      reason: input.value.reason,
      hasComment: input.value.comment !== null,
      answeredAt: answered.answeredAt!.toISOString(),
      occurredAt: new Date().toISOString(),
    });
    return { status: 'answered' };
  });
}
