import { newId } from '@crm/database';
import { createConsumer, employeeDeactivated, type EventConsumer } from '@crm/events';
import { aViewer, eventually, testKafka, testLogger, uniqueGroupId } from '@crm/testing';
import { handoverHandlers } from '../src/events/handover-handlers';
import { produce, startSales, type SalesHarness } from './harness';
import { aCustomer, mutate, seedTeam } from './customers-fixtures';

let h: SalesHarness;
let consumer: EventConsumer;
beforeAll(async () => {
  h = await startSales();
  consumer = createConsumer({
    service: 'sales',
    groupId: uniqueGroupId('sales-handover'),
    kafka: testKafka(),
    dataSource: h.dataSource,
    logger: testLogger('sales-handover'),
    handlers: handoverHandlers,
  });
  await consumer.start();
  await eventually(() => expect(consumer.isReady()).toBe(true));
});
afterAll(async () => {
  await consumer.stop();
  await h.stop();
});

type Viewer = ReturnType<typeof aViewer>;

/** identity's event, produced onto the real topic with kcat. */
function deactivate(person: Viewer, by: Viewer) {
  produce(employeeDeactivated, {
    employeeId: person.id,
    name: person.name,
    email: person.email,
    roles: person.roles,
    teamId: person.teamId,
    active: false,
    version: 2,
    occurredAt: new Date().toISOString(),
    deactivatedBy: by.id,
  });
}

const ownersOf = async (ids: string[]) =>
  Object.fromEntries(
    (
      await h.dataSource.query(
        'SELECT id, owner_id, backup_owner_id FROM customers WHERE id = ANY($1)',
        [ids],
      )
    ).map((r: { id: string; owner_id: string | null; backup_owner_id: string | null }) => [
      r.id,
      [r.owner_id, r.backup_owner_id],
    ]),
  );

describe("a deactivated rep's customers", () => {
  it('go to their active backup owner, else to the rep the manager picked, and the rep stops backing up others', async () => {
    const { manager, reps, teamId } = await seedTeam(h, 4);
    const [leaving, backup, picked, colleague] = reps;
    const admin = aViewer({ roles: ['ADMIN'] });
    const picks = await mutate(
      h,
      manager,
      'setTeamHandover',
      'SetTeamHandoverInput',
      { teamId, mode: 'MANAGER_PICKS_REP', repId: picked.id },
      'handover { mode rep { id } }',
    );
    expect(picks.handover).toEqual({ mode: 'MANAGER_PICKS_REP', rep: { id: picked.id } });
    const withBackup = await aCustomer(h, leaving);
    const withoutBackup = await aCustomer(h, leaving);
    const backedUp = await aCustomer(h, colleague);
    await mutate(
      h,
      manager,
      'transferCustomers',
      'TransferCustomersInput',
      { customerIds: [withBackup.id], toOwnerId: leaving.id, backupOwnerId: backup.id },
      'customers { id }',
    );
    await mutate(
      h,
      manager,
      'transferCustomers',
      'TransferCustomersInput',
      { customerIds: [backedUp.id], toOwnerId: colleague.id, backupOwnerId: leaving.id },
      'customers { id }',
    );

    deactivate(leaving, admin);

    const ids = [withBackup.id, withoutBackup.id, backedUp.id];
    await eventually(async () =>
      expect(await ownersOf(ids)).toEqual({
        [withBackup.id]: [backup.id, null],
        [withoutBackup.id]: [picked.id, null],
        [backedUp.id]: [colleague.id, null],
      }),
    );
    const events = await h.dataSource.query(
      "SELECT subject, payload FROM outbox WHERE subject = ANY($1) AND type = 'crm.sales.customer.owner_changed.v1' AND payload->>'reason' = 'DEACTIVATION_HANDOVER' ORDER BY subject",
      [ids],
    );
    expect(
      events.map((e: { payload: { ownerId: string; changedBy: string } }) => [
        e.payload.ownerId,
        e.payload.changedBy,
      ]),
    ).toEqual(
      [
        [withBackup.id, backup.id],
        [withoutBackup.id, picked.id],
      ]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([, owner]) => [owner, admin.id]),
    );
    const [audit] = await h.dataSource.query(
      "SELECT actor_id FROM audit_log WHERE entity_id = $1 AND action = 'customer.owner_change' AND after->>'reason' = 'DEACTIVATION_HANDOVER'",
      [backedUp.id],
    );
    expect(audit.actor_id).toBe(admin.id);
  });

  it('go to the public pool when the team has no pick (or chose the pool)', async () => {
    const { manager, reps, teamId } = await seedTeam(h, 1);
    await mutate(
      h,
      manager,
      'setTeamHandover',
      'SetTeamHandoverInput',
      { teamId, mode: 'PUBLIC_POOL' },
      'handover { mode }',
    );
    const c = await aCustomer(h, reps[0]);
    const loner = aViewer({ teamId: newId() });
    const lonerCustomer = await aCustomer(h, loner);
    deactivate(reps[0], manager);
    deactivate(loner, manager);
    await eventually(async () =>
      expect(await ownersOf([c.id, lonerCustomer.id])).toEqual({
        [c.id]: [null, null],
        [lonerCustomer.id]: [null, null],
      }),
    );
  });

  it('refuses a hand-over pick outside the team and a rep who is not active', async () => {
    const { manager, teamId } = await seedTeam(h, 0);
    const other = await seedTeam(h, 1);
    const res = await mutate(
      h,
      manager,
      'setTeamHandover',
      'SetTeamHandoverInput',
      { teamId, mode: 'MANAGER_PICKS_REP', repId: other.reps[0].id },
      'handover { mode }',
    );
    expect(res.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.repId', 'INVALID'],
    ]);
    const ghost = await mutate(
      h,
      manager,
      'setTeamHandover',
      'SetTeamHandoverInput',
      { teamId, mode: 'MANAGER_PICKS_REP', repId: newId() },
      'handover { mode }',
    );
    expect(ghost.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const missing = await mutate(
      h,
      manager,
      'setTeamHandover',
      'SetTeamHandoverInput',
      { teamId, mode: 'MANAGER_PICKS_REP' },
      'handover { mode }',
    );
    expect(missing.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.repId', 'REQUIRED'],
    ]);
  });
});
