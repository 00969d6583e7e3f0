import { newId, recordAudit } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import { findCalendars } from '../../db/business-calendars';
import { findPolicies, policyNameTaken, savePolicy, type SlaPolicy } from '../../db/sla-policies';
import { deskConfigWrite } from '../ticket-use-case';
import { saveSlaPolicyInput } from './sla-inputs';

/**
 * Creates an SLA policy, or replaces one (by id). Tickets pick their policy again when their
 * priority or their customer's tier changes; a ticket keeps its clocks until then.
 */
export const saveSlaPolicy = deskConfigWrite(
  saveSlaPolicyInput,
  'only a SERVICE_MANAGER or an ADMIN can configure SLA policies',
  async (tx, input, viewer): Promise<SlaPolicy> => {
    const id = input.id ?? newId();
    const [before] = input.id ? await findPolicies(tx, [input.id]) : [];
    const errors = [];
    if (input.id && !before)
      errors.push(userError('id', 'NOT_FOUND', `id: no SLA policy ${input.id}`));
    if (await policyNameTaken(tx, input.name, id)) {
      errors.push(userError('name', 'DUPLICATE', `name: another policy is called ${input.name}`));
    }
    if (input.calendarId && !(await findCalendars(tx, [input.calendarId])).length) {
      errors.push(
        userError(
          'calendarId',
          'NOT_FOUND',
          `calendarId: no business calendar ${input.calendarId}`,
        ),
      );
    }
    if (errors.length) throw new UserErrors(errors);
    const policy = await savePolicy(tx, {
      id,
      name: input.name,
      position: input.position,
      tiers: input.tiers,
      priorities: input.priorities,
      calendarId: input.calendarId ?? null,
      firstResponseMinutes: input.firstResponseMinutes ?? null,
      nextResponseMinutes: input.nextResponseMinutes ?? null,
      resolutionMinutes: input.resolutionMinutes ?? null,
      warningPercent: input.warningPercent,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'sla_policy.save',
      entityType: 'SlaPolicy',
      entityId: policy.id,
      before: before ?? null,
      after: policy,
    });
    return policy;
  },
);
