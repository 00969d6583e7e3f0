import type { Tx } from '@crm/database';
import {
  employeeCreated,
  employeeDeactivated,
  employeeUpdated,
  leadAssigned,
  leadContacted,
  leadConverted,
  leadDisqualified,
  on,
  opportunityCreated,
  opportunityLost,
  opportunityStageChanged,
  opportunityWon,
  taskOverdue,
  ticketCsatReceived,
  ticketSlaBreached,
  type ConsumedEvent,
  type EventHandler,
} from '@crm/events';
import {
  applyOpportunityChange,
  recordCsat,
  recordLeadAssignment,
  recordLeadOutcome,
  recordOverdueTask,
  recordSlaBreach,
  upsertEmployeeDims,
  type OpportunityChange,
} from '../db/report-facts';
import { touchActivity } from '../db/facts';

type OpportunityEvent = ConsumedEvent<
  typeof opportunityCreated | typeof opportunityStageChanged | typeof opportunityLost
>;

/** An open stage (win probability strictly between 0 and 100) says the opportunity is open. */
const statusOfStage = (probability: number) =>
  probability > 0 && probability < 100 ? 'OPEN' : null;

function opportunityChange(
  d: OpportunityEvent['data'],
  at: string,
  extra: Partial<OpportunityChange>,
): OpportunityChange {
  return {
    opportunityId: d.opportunityId,
    customerId: d.customerId,
    ownerId: d.ownerId,
    teamId: d.teamId,
    amount: d.amount.amount,
    currency: d.amount.currency,
    stage: d.stage,
    probability: d.probability,
    status: statusOfStage(d.probability),
    expectedCloseDate: d.expectedCloseDate,
    createdAt: null,
    at,
    ...extra,
  };
}

async function withActivity(tx: Tx, customerId: string | null, time: string) {
  if (customerId) await touchActivity(tx, customerId, time);
}

/** Handlers of the report facts (sales pipeline, leads, tasks, SLA, CSAT, the staff's teams). */
export const reportHandlers: EventHandler[] = [
  on(opportunityCreated, async (e, tx) => {
    await applyOpportunityChange(
      tx,
      opportunityChange(e.data, e.data.createdAt, { createdAt: e.data.createdAt }),
    );
    await withActivity(tx, e.data.customerId, e.time);
  }),
  on(opportunityStageChanged, async (e, tx) => {
    await applyOpportunityChange(tx, opportunityChange(e.data, e.data.changedAt, {}));
    await withActivity(tx, e.data.customerId, e.time);
  }),
  on(opportunityLost, async (e, tx) => {
    await applyOpportunityChange(tx, opportunityChange(e.data, e.data.lostAt, { status: 'LOST' }));
    await withActivity(tx, e.data.customerId, e.time);
  }),
  on(opportunityWon, async (e, tx) => {
    const d = e.data;
    await applyOpportunityChange(tx, {
      opportunityId: d.opportunityId,
      customerId: d.customerId,
      ownerId: d.ownerId,
      teamId: d.teamId,
      amount: d.amount.amount,
      currency: d.amount.currency,
      stage: null,
      probability: null,
      status: 'WON',
      expectedCloseDate: null,
      createdAt: null,
      at: d.wonAt,
    });
    await withActivity(tx, d.customerId, e.time);
  }),
  on(ticketSlaBreached, async (e, tx) => {
    const d = e.data;
    await recordSlaBreach(tx, {
      ticketId: d.ticketId,
      target: d.target,
      customerId: d.customerId,
      assigneeId: d.assigneeId,
      priority: d.priority,
      dueAt: d.dueAt,
      breachedAt: d.occurredAt,
    });
  }),
  on(ticketCsatReceived, async (e, tx) => {
    await recordCsat(tx, e.data);
    await withActivity(tx, e.data.customerId, e.time);
  }),
  on(taskOverdue, (e, tx) => recordOverdueTask(tx, e.data)),
  on(leadAssigned, (e, tx) => recordLeadAssignment(tx, e.data)),
  on(leadContacted, (e, tx) =>
    recordLeadOutcome(tx, e.data.leadId, 'contacted_at', e.data.contactedAt),
  ),
  on(leadConverted, (e, tx) =>
    recordLeadOutcome(tx, e.data.leadId, 'closed_at', e.data.convertedAt),
  ),
  on(leadDisqualified, (e, tx) =>
    recordLeadOutcome(tx, e.data.leadId, 'closed_at', e.data.disqualifiedAt),
  ),
  ...[employeeCreated, employeeUpdated, employeeDeactivated].map((definition) =>
    on(definition, (e, tx) => upsertEmployeeDims(tx, e.data)),
  ),
];
