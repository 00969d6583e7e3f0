import { rows, type Tx } from '@crm/database';
import type { TouchKind } from './touches';

export const ruleFields = ['TITLE', 'COMPANY', 'COMPANY_SIZE', 'REGION', 'INDUSTRY'] as const;
export type RuleField = (typeof ruleFields)[number];
export const ruleOperators = ['CONTAINS_ANY', 'EQUALS_ANY'] as const;
export type RuleOperator = (typeof ruleOperators)[number];

export interface ScoringRule {
  id: string;
  name: string;
  kind: 'FIELD' | 'ENGAGEMENT';
  field: RuleField | null;
  operator: RuleOperator | null;
  values: string[];
  touchKind: TouchKind | null;
  /** Only for leads and touches of this campaign; null applies everywhere. */
  campaignId: string | null;
  points: number;
  active: boolean;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, kind, field, operator, match_values AS "values", touch_kind AS "touchKind",
  campaign_id AS "campaignId", points, active, version, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** Every rule, oldest first; `activeOnly` for scoring. */
export async function findScoringRules(tx: Tx, activeOnly = false): Promise<ScoringRule[]> {
  return rows<ScoringRule>(
    tx,
    `SELECT ${COLUMNS} FROM scoring_rules ${activeOnly ? 'WHERE active' : ''} ORDER BY created_at, id`,
  );
}

export async function findScoringRule(tx: Tx, id: string): Promise<ScoringRule | null> {
  const found = await rows<ScoringRule>(
    tx,
    `SELECT ${COLUMNS} FROM scoring_rules WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return found[0] ?? null;
}

export async function insertScoringRule(
  tx: Tx,
  r: Omit<ScoringRule, 'version' | 'createdAt' | 'updatedAt'>,
): Promise<ScoringRule> {
  const found = await rows<ScoringRule>(
    tx,
    `INSERT INTO scoring_rules (id, name, kind, field, operator, match_values, touch_kind, campaign_id, points, active, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [
      r.id,
      r.name,
      r.kind,
      r.field,
      r.operator,
      r.values,
      r.touchKind,
      r.campaignId,
      r.points,
      r.active,
      r.createdBy,
    ],
  );
  return found[0];
}

export async function saveScoringRule(tx: Tx, r: ScoringRule): Promise<ScoringRule> {
  const found = await rows<ScoringRule>(
    tx,
    `UPDATE scoring_rules SET name = $2, operator = $3, match_values = $4, points = $5, active = $6,
       version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [r.id, r.name, r.operator, r.values, r.points, r.active],
  );
  return found[0];
}

export interface ScoringSettings {
  qualificationThreshold: number;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

const SETTINGS_COLUMNS = `qualification_threshold AS "qualificationThreshold", version, updated_by AS "updatedBy",
  updated_at AS "updatedAt"`;

export async function findScoringSettings(tx: Tx, forUpdate = false): Promise<ScoringSettings> {
  const found = await rows<ScoringSettings>(
    tx,
    `SELECT ${SETTINGS_COLUMNS} FROM scoring_settings${forUpdate ? ' FOR UPDATE' : ''}`,
  );
  return found[0];
}

export async function saveQualificationThreshold(
  tx: Tx,
  threshold: number,
  actorId: string,
): Promise<ScoringSettings> {
  const found = await rows<ScoringSettings>(
    tx,
    `UPDATE scoring_settings SET qualification_threshold = $1, updated_by = $2, version = version + 1,
       updated_at = now() RETURNING ${SETTINGS_COLUMNS}`,
    [threshold, actorId],
  );
  return found[0];
}
