import { newId, recordAudit, type Tx } from '@crm/database';
import { opportunityCreated, publishEvent } from '@crm/events';
import {
  insertOpportunity,
  insertStageChange,
  type NewOpportunity,
  type Opportunity,
} from '../../db/opportunities';
import { listStages, type Stage } from '../../db/stages';
import { opportunityAudit, opportunityFacts } from './opportunity-events';
import { fail } from './use-case';

/** The first open stage of the pipeline (where new opportunities start by default). */
export function firstOpenStage(stages: readonly Stage[]): Stage | undefined {
  return stages
    .filter((s) => s.active && !s.closedWon && !s.closedLost)
    .sort((a, b) => a.position - b.position)[0];
}

/**
 * Inserts an opportunity in an open stage with its first history entry, audit record and
 * `opportunity.created` event, in the caller's transaction (createOpportunity, convertLead).
 */
export async function openOpportunity(
  tx: Tx,
  actorId: string | null,
  fields: Omit<NewOpportunity, 'id' | 'stageId' | 'createdBy'> & { stageId?: string | null },
): Promise<Opportunity> {
  const stages = await listStages(tx);
  const stage = fields.stageId
    ? stages.find((s) => s.id === fields.stageId)
    : firstOpenStage(stages);
  if (!stage || !stage.active)
    return fail('stageId', 'NOT_FOUND', `stageId: no stage ${fields.stageId} in use`);
  if (stage.closedWon || stage.closedLost)
    fail(
      'stageId',
      'INVALID_TRANSITION',
      `stageId: a new opportunity starts in an open stage, not "${stage.name}"`,
    );
  const opportunity = await insertOpportunity(tx, {
    ...fields,
    id: newId(),
    stageId: stage.id,
    createdBy: actorId,
  });
  await insertStageChange(tx, {
    id: newId(),
    opportunityId: opportunity.id,
    fromStageId: null,
    toStageId: stage.id,
    changedBy: actorId,
    reason: null,
  });
  await recordAudit(tx, {
    actorId,
    action: 'opportunity.create',
    entityType: 'Opportunity',
    entityId: opportunity.id,
    after: opportunityAudit(opportunity),
  });
  await publishEvent(
    tx,
    opportunityCreated,
    { ...opportunityFacts(opportunity, stage), createdAt: opportunity.createdAt.toISOString() },
    { actorId },
  );
  return opportunity;
}
