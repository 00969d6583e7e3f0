import { rows, type Tx } from '@crm/database';
import type { csatReasons } from '@crm/events';

export type CsatReason = (typeof csatReasons)[number];

export interface CsatSurvey {
  id: string;
  ticketId: string;
  token: string;
  createdAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  score: number | null;
  reason: CsatReason | null;
  comment: string | null;
}

const COLUMNS = `id, ticket_id AS "ticketId", token, created_at AS "createdAt", expires_at AS "expiresAt",
  answered_at AS "answeredAt", score, reason, comment`;

/** Creates the ticket's survey unless it has one (one answer per ticket). */
export async function insertSurveyOnce(
  tx: Tx,
  s: { id: string; ticketId: string; token: string; validDays: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO csat_surveys (id, ticket_id, token, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))
     ON CONFLICT (ticket_id) DO NOTHING`,
    [s.id, s.ticketId, s.token, s.validDays],
  );
}

export async function findSurveysOfTickets(
  tx: Tx,
  ticketIds: readonly string[],
): Promise<CsatSurvey[]> {
  return rows<CsatSurvey>(
    tx,
    `SELECT ${COLUMNS} FROM csat_surveys WHERE ticket_id = ANY($1::uuid[])`,
    [ticketIds],
  );
}

/** The survey with this token, locked, with whether it has expired by the database's clock. */
export async function lockSurveyByToken(
  tx: Tx,
  token: string,
): Promise<(CsatSurvey & { expired: boolean }) | null> {
  const found = await rows<CsatSurvey & { expired: boolean }>(
    tx,
    `SELECT ${COLUMNS}, expires_at <= now() AS expired FROM csat_surveys WHERE token = $1 FOR UPDATE`,
    [token],
  );
  return found[0] ?? null;
}

export async function saveAnswer(
  tx: Tx,
  id: string,
  a: { score: number; reason: CsatReason | null; comment: string | null },
): Promise<CsatSurvey> {
  const found = await rows<CsatSurvey>(
    tx,
    `UPDATE csat_surveys SET answered_at = now(), score = $2, reason = $3, comment = $4 WHERE id = $1
     RETURNING ${COLUMNS}`,
    [id, a.score, a.reason, a.comment],
  );
  return found[0];
}
