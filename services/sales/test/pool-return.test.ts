import { inTransaction } from '@crm/database';
import { createScheduler, findJob, scheduleJob } from '@crm/scheduler';
import { testLogger } from '@crm/testing';
import { recordFollowUp } from '../src/db/record-follow-up';
import { POOL_RETURN_JOB, ensurePoolReturnJob, poolReturnHandler } from '../src/domain/pool-return';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, mutate, seedTeam } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

/** A scheduler as the service runs it (a fresh one is what a restart gives). */
const scheduler = () =>
  createScheduler({
    dataSource: h.dataSource,
    logger: testLogger('pool'),
    handlers: { [POOL_RETURN_JOB.kind]: poolReturnHandler },
  });

const makeDue = () =>
  inTransaction(h.dataSource, (tx) => scheduleJob(tx, { ...POOL_RETURN_JOB, dueAt: new Date() }));

describe('returning neglected customers to the pool', () => {
  it("returns customers without a follow-up for the team's days, keeps followed-up ones and starts the owner's cooling-off", async () => {
    const { manager, reps, teamId } = await seedTeam(h, 1);
    await mutate(
      h,
      manager,
      'setPoolSettings',
      'SetPoolSettingsInput',
      { teamId, followUpDays: 3 },
      'settings { teamId }',
    );
    const neglected = await aCustomer(h, reps[0]);
    const followedUp = await aCustomer(h, reps[0]);
    const fresh = await aCustomer(h, reps[0]);
    await h.dataSource.query(
      "UPDATE customers SET owner_since = now() - interval '4 days' WHERE id = ANY($1)",
      [[neglected.id, followedUp.id]],
    );
    await inTransaction(h.dataSource, (tx) =>
      recordFollowUp(tx, followedUp.id, new Date(Date.now() - 86_400_000)),
    );
    await makeDue();
    expect(await scheduler().runDue()).toBeGreaterThanOrEqual(1);
    const owners = await h.dataSource.query(
      'SELECT id, owner_id FROM customers WHERE id = ANY($1) ORDER BY id',
      [[neglected.id, followedUp.id, fresh.id]],
    );
    expect(owners).toEqual([
      { id: neglected.id, owner_id: null },
      { id: followedUp.id, owner_id: reps[0].id },
      { id: fresh.id, owner_id: reps[0].id },
    ]);
    const [event] = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.sales.customer.owner_changed.v1'",
      [neglected.id],
    );
    expect(event.payload).toMatchObject({
      previousOwnerId: reps[0].id,
      ownerId: null,
      reason: 'POOL_RETURN',
      changedBy: null,
    });
    const back = await mutate(
      h,
      reps[0],
      'claimCustomer',
      'ClaimCustomerInput',
      { customerId: neglected.id },
      'customer { id }',
    );
    expect(back.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });

  it('keeps its schedule in the database, so a restarted service runs it when it comes due', async () => {
    await ensurePoolReturnJob(h.dataSource);
    await makeDue();
    await scheduler().runDue();
    const job = await findJob(h.dataSource.manager, POOL_RETURN_JOB.kind, POOL_RETURN_JOB.key);
    expect(job?.doneAt).toBeNull();
    expect(job!.dueAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const { reps } = await seedTeam(h, 1);
    const c = await aCustomer(h, reps[0]);
    await h.dataSource.query(
      "UPDATE customers SET owner_since = now() - interval '400 days' WHERE id = $1",
      [c.id],
    );
    expect(await scheduler().runDue()).toBe(0); // not due yet: nothing runs
    await h.dataSource.query(
      'UPDATE scheduled_jobs SET due_at = now() WHERE kind = $1 AND key = $2',
      [POOL_RETURN_JOB.kind, POOL_RETURN_JOB.key],
    );
    expect(await scheduler().runDue()).toBeGreaterThanOrEqual(1); // a new instance, as after a restart
    const [row] = await h.dataSource.query('SELECT owner_id FROM customers WHERE id = $1', [c.id]);
    expect(row.owner_id).toBeNull();
  });
});
