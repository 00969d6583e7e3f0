import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import {
  opportunityLost,
  opportunityStageChanged,
  opportunityWon,
  publishEvent,
} from '@crm/events';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { insertStageChange, saveOpportunity, type Opportunity } from '../../db/opportunities';
import { listStages, type Stage } from '../../db/stages';
import { pipelineRules } from '../../env';
import { closeOpportunityInput, moveStageInput } from './opportunity-inputs';
import { opportunityToChange } from './opportunity-access';
import { opportunityAudit, opportunityFacts } from './opportunity-events';
import { stageMoveProblem } from './stage-rules';
import { fail, mutationUseCase } from './use-case';

type Target = { stageId: string } | { closed: 'WON' | 'LOST' };

async function changeStage(
  tx: Tx,
  viewer: Viewer,
  id: string,
  target: Target,
  reason: string | null,
  missingFeature: string | null = null,
): Promise<Opportunity> {
  const before = await opportunityToChange(tx, viewer, id);
  const stages = await listStages(tx);
  const from = stages.find((s) => s.id === before.stageId) as Stage;
  const to =
    'stageId' in target
      ? stages.find((s) => s.id === target.stageId)
      : stages.find((s) => s.active && (target.closed === 'WON' ? s.closedWon : s.closedLost));
  if (!to) return fail('stageId', 'NOT_FOUND', 'stageId: no such stage in use');
  if (missingFeature && !to.closedLost)
    fail('missingFeature', 'INVALID', 'missingFeature: only a lost opportunity cites one');
  const problem = stageMoveProblem(stages, from, to, pipelineRules().OPPORTUNITY_MAX_STAGE_SKIP);
  if (problem) fail('stageId' in target ? 'stageId' : 'id', 'INVALID_TRANSITION', problem);
  if (to.closedLost && !reason)
    fail('reason', 'REQUIRED', 'reason: say why the opportunity was lost');
  const closed = to.closedWon || to.closedLost;
  const after = await saveOpportunity(tx, {
    ...before,
    stageId: to.id,
    status: to.closedWon ? 'WON' : to.closedLost ? 'LOST' : 'OPEN',
    closeReason: closed ? reason : null,
    closedAt: closed ? new Date() : null,
  });
  await insertStageChange(tx, {
    id: newId(),
    opportunityId: after.id,
    fromStageId: from.id,
    toStageId: to.id,
    changedBy: viewer.id,
    reason,
  });
  await recordAudit(tx, {
    actorId: viewer.id,
    action: 'opportunity.stage_change',
    entityType: 'Opportunity',
    entityId: after.id,
    before: opportunityAudit(before),
    after: opportunityAudit(after),
  });
  const facts = opportunityFacts(after, to);
  const at = (after.closedAt ?? after.updatedAt).toISOString();
  const meta = { actorId: viewer.id };
  await publishEvent(
    tx,
    opportunityStageChanged,
    { ...facts, fromStage: from.key, changedBy: viewer.id, changedAt: at },
    meta,
  );
  if (to.closedWon) {
    await publishEvent(
      tx,
      opportunityWon,
      {
        opportunityId: after.id,
        customerId: after.customerId,
        name: after.name,
        amount: facts.amount,
        ownerId: after.ownerId,
        teamId: after.teamId,
        sourceCampaignId: after.sourceCampaignId,
        leadId: after.leadId,
        wonAt: at,
      },
      meta,
    );
  }
  if (to.closedLost)
    await publishEvent(
      tx,
      opportunityLost,
      { ...facts, reason: reason ?? '', missingFeature, lostAt: at },
      meta,
    );
  return after;
}

const guard = {
  permission: 'opportunities.write',
  denied: 'your roles cannot change opportunities',
} as const;

/** Moves an opportunity to a stage (won and lost stages included) under the stage rule. */
export function moveOpportunityStage(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof moveStageInput>,
): Promise<Result<Opportunity>> {
  return mutationUseCase(dataSource, viewer, guard, moveStageInput, raw, (tx, input) =>
    changeStage(tx, viewer, input.id, { stageId: input.stageId }, input.reason ?? null),
  );
}

/**
 * Closes an opportunity as won or lost (lost needs a reason). A lost deal can cite the feature the
 * customer missed (`missingFeature`, their words): it travels on `opportunity.lost` to product.
 */
export function closeOpportunity(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof closeOpportunityInput>,
  outcome: 'WON' | 'LOST',
): Promise<Result<Opportunity>> {
  return mutationUseCase(dataSource, viewer, guard, closeOpportunityInput, raw, (tx, input) =>
    changeStage(
      tx,
      viewer,
      input.id,
      { closed: outcome },
      input.reason ?? null,
      input.missingFeature ?? null,
    ),
  );
}
