import { on, opportunityWon } from '@crm/events';
import { attributeRevenue } from '../domain/attribute-revenue';

export const attributionHandlers = [
  on(opportunityWon, async (event, tx) => {
    await attributeRevenue(tx, event.data);
  }),
];
