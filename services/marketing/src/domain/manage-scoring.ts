import { scopeOf, type Viewer } from '@crm/auth';
import { newId, recordAudit } from '@crm/database';
import { touchKinds } from '@crm/events';
import {
  forbidden,
  parseInput,
  transactionally,
  userError,
  UserErrors,
  type InputOf,
  type Result,
} from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { idField, requiredName } from './input-fields';
import {
  findScoringRule,
  findScoringSettings,
  insertScoringRule,
  ruleFields,
  ruleOperators,
  saveQualificationThreshold,
  saveScoringRule,
  type ScoringRule,
  type ScoringSettings,
} from '../db/scoring';
import { namedCampaign, notFound } from './guards';

const points = z
  .number()
  .int('must be a whole number')
  .min(-100, 'must be at least -100')
  .max(100, 'must be at most 100');
const values = z
  .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
  .min(1, 'give at least one value')
  .max(50, 'at most 50 values');
const name = requiredName(100);

export const createScoringRuleInput = z
  .object({
    name,
    kind: z.enum(['FIELD', 'ENGAGEMENT']),
    field: z.enum(ruleFields).nullish(),
    operator: z.enum(ruleOperators).nullish(),
    values: values.nullish(),
    touchKind: z.enum(touchKinds).nullish(),
    campaignId: idField.nullish(),
    points,
    active: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'FIELD' && !v.field)
      ctx.addIssue({
        code: 'custom',
        path: ['field'],
        message: 'a FIELD rule needs the field it looks at',
      });
    if (v.kind === 'FIELD' && !v.values?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: 'a FIELD rule needs the values it matches',
      });
    if (v.kind === 'ENGAGEMENT' && !v.touchKind)
      ctx.addIssue({
        code: 'custom',
        path: ['touchKind'],
        message: 'an ENGAGEMENT rule needs the touch kind it rewards',
      });
  });

export const updateScoringRuleInput = z.object({
  id: idField,
  name: name.optional(),
  operator: z.enum(ruleOperators).optional(),
  values: values.optional(),
  points: points.optional(),
  active: z.boolean().optional(),
});

export const setThresholdInput = z.object({
  threshold: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
});

function mayConfigure(viewer: Viewer): void {
  if (scopeOf(viewer, 'marketing.configure') === 'none')
    throw forbidden('only a marketing manager or an admin can change lead scoring');
}

/** A new rule counts for captures and touches from now on (existing scores are not recomputed). */
export async function createScoringRule(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof createScoringRuleInput>,
): Promise<Result<ScoringRule>> {
  mayConfigure(viewer);
  const parsed = parseInput(createScoringRuleInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    await namedCampaign(tx, input.campaignId);
    const field = input.kind === 'FIELD';
    const rule = await insertScoringRule(tx, {
      id: newId(),
      name: input.name,
      kind: input.kind,
      field: field ? (input.field ?? null) : null,
      operator: field ? (input.operator ?? 'CONTAINS_ANY') : null,
      values: field ? [...new Set(input.values ?? [])] : [],
      touchKind: field ? null : (input.touchKind ?? null),
      campaignId: input.campaignId ?? null,
      points: input.points,
      active: input.active,
      createdBy: viewer.id,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'scoring_rule.create',
      entityType: 'ScoringRule',
      entityId: rule.id,
      after: rule,
    });
    return rule;
  });
}

/** Changes a rule's name, matching, points or whether it is active (deactivate instead of deleting). */
export async function updateScoringRule(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof updateScoringRuleInput>,
): Promise<Result<ScoringRule>> {
  mayConfigure(viewer);
  const parsed = parseInput(updateScoringRuleInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const before = await findScoringRule(tx, input.id);
    if (!before) throw notFound('id', 'scoring rule', input.id);
    if (before.kind === 'ENGAGEMENT' && (input.values || input.operator)) {
      throw new UserErrors([
        userError(
          input.values ? 'values' : 'operator',
          'INVALID',
          'an ENGAGEMENT rule matches a touch kind, not values',
        ),
      ]);
    }
    const rule = await saveScoringRule(tx, {
      ...before,
      name: input.name ?? before.name,
      operator: input.operator ?? before.operator,
      values: input.values ? [...new Set(input.values)] : before.values,
      points: input.points ?? before.points,
      active: input.active ?? before.active,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'scoring_rule.update',
      entityType: 'ScoringRule',
      entityId: rule.id,
      before,
      after: rule,
    });
    return rule;
  });
}

/** The score at which a NEW lead becomes QUALIFIED and goes to sales. */
export async function setQualificationThreshold(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof setThresholdInput>,
): Promise<Result<ScoringSettings>> {
  mayConfigure(viewer);
  const parsed = parseInput(setThresholdInput, raw);
  if (!parsed.ok) return parsed;
  return transactionally(dataSource, async (tx) => {
    const before = await findScoringSettings(tx, true);
    const after = await saveQualificationThreshold(tx, parsed.value.threshold, viewer.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'scoring.threshold',
      entityType: 'ScoringSettings',
      entityId: 'default',
      before,
      after,
    });
    return after;
  });
}
