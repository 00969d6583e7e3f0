import { newId } from '@crm/database';
import { customerCreated, type EventData } from '@crm/events';

export function customerData(
  overrides: Partial<EventData<typeof customerCreated>> = {},
): EventData<typeof customerCreated> {
  return {
    customerId: newId(),
    kind: 'COMPANY',
    name: 'Test Co',
    industry: null,
    region: null,
    tier: null,
    lifecycleStage: 'PROSPECT',
    ownerId: null,
    backupOwnerId: null,
    teamId: null,
    phoneKey: null,
    emailKey: null,
    tags: [],
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}
