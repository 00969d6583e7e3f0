import { employeeDeactivated, on } from '@crm/events';
import { handOverCustomersOf } from '../domain/hand-over';

/** identity's employee.deactivated: the person's customers go to their backup, a picked rep or the pool. */
export const handoverHandlers = [
  on(employeeDeactivated, async (event, tx) => {
    const e = event.data;
    await handOverCustomersOf(
      tx,
      { id: e.employeeId, teamId: e.teamId, version: e.version },
      e.deactivatedBy,
    );
  }),
];
