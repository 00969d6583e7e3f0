import { randomBytes } from 'node:crypto';
import { newId, type Tx } from '@crm/database';
import { insertSurveyOnce } from '../../db/csat-surveys';
import type { Ticket } from '../../db/tickets';
import { deskRules } from '../../env';

/**
 * The satisfaction survey of a resolved ticket (once per ticket), reachable only through its
 * token: 24 random bytes, so it cannot be guessed or enumerated.
 */
export async function createSurvey(tx: Tx, ticket: Ticket): Promise<void> {
  await insertSurveyOnce(tx, {
    id: newId(),
    ticketId: ticket.id,
    token: randomBytes(24).toString('base64url'),
    validDays: deskRules().CSAT_SURVEY_DAYS,
  });
}
