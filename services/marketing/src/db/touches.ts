import { rows, type Tx } from '@crm/database';
import type { touchKinds } from '@crm/events';
import type { CampaignChannel } from './campaigns';
import type { Consent } from './leads';

export type TouchKind = (typeof touchKinds)[number];

export interface Touch {
  id: string;
  leadId: string;
  kind: TouchKind;
  campaignId: string | null;
  channel: CampaignChannel | null;
  points: number;
  duplicate: boolean;
  occurredAt: Date;
  sourceIp: string | null;
  userAgent: string | null;
  consent: Consent | null;
  payload: Record<string, unknown> | null;
  recordedBy: string | null;
}

const COLUMNS = `t.id, t.lead_id AS "leadId", t.kind, t.campaign_id AS "campaignId", t.channel, t.points, t.duplicate,
  t.occurred_at AS "occurredAt", t.source_ip AS "sourceIp", t.user_agent AS "userAgent", t.consent, t.payload,
  t.recorded_by AS "recordedBy"`;

export async function insertTouch(tx: Tx, t: Touch): Promise<Touch> {
  const found = await rows<Touch>(
    tx,
    `INSERT INTO lead_touches AS t (id, lead_id, kind, campaign_id, channel, points, duplicate, occurred_at, source_ip,
       user_agent, consent, payload, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
    [
      t.id,
      t.leadId,
      t.kind,
      t.campaignId,
      t.channel,
      t.points,
      t.duplicate,
      t.occurredAt,
      t.sourceIp,
      t.userAgent,
      t.consent ? JSON.stringify(t.consent) : null,
      t.payload ? JSON.stringify(t.payload) : null,
      t.recordedBy,
    ],
  );
  return found[0];
}

/** Touches of each lead, oldest first (one query for a page of leads). */
export async function findTouchesOfLeads(tx: Tx, leadIds: readonly string[]): Promise<Touch[]> {
  return rows<Touch>(
    tx,
    `SELECT ${COLUMNS} FROM lead_touches t WHERE t.lead_id = ANY($1::uuid[]) ORDER BY t.occurred_at, t.id`,
    [leadIds],
  );
}

/**
 * Whether an anonymous touch of this kind and campaign already earned points for the lead
 * since `since` (a repeat web-form post within the window counts once for scoring).
 */
export async function hasScoredAnonymousTouch(
  tx: Tx,
  t: { leadId: string; kind: TouchKind; campaignId: string | null; since: Date },
): Promise<boolean> {
  const found = await rows<{ one: number }>(
    tx,
    `SELECT 1 AS one FROM lead_touches
     WHERE lead_id = $1 AND kind = $2 AND campaign_id IS NOT DISTINCT FROM $3
       AND recorded_by IS NULL AND points > 0 AND occurred_at > $4
     LIMIT 1`,
    [t.leadId, t.kind, t.campaignId, t.since],
  );
  return found.length > 0;
}
