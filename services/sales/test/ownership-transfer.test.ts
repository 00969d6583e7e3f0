import { aViewer } from '@crm/testing';
import type { Tx } from '@crm/database';
import { ownershipSteps, type OwnershipChange } from '../src/domain/ownership-steps';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, errorCode, mutate, seedTeam } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

interface Transferred {
  customers:
    | {
        id: string;
        owner: { id: string } | null;
        backupOwner: { id: string } | null;
        inPool: boolean;
      }[]
    | null;
}

const transfer = (viewer: ReturnType<typeof aViewer>, input: Record<string, unknown>) =>
  mutate<Transferred>(
    h,
    viewer,
    'transferCustomers',
    'TransferCustomersInput',
    input,
    'customers { id owner { id } backupOwner { id } inPool }',
  );

describe('transferring customers', () => {
  it('moves a batch to another rep of the team with a backup, publishes and audits each move and runs the ownership steps', async () => {
    const { manager, reps } = await seedTeam(h, 3);
    const [from, to, backup] = reps;
    const c1 = await aCustomer(h, from);
    const c2 = await aCustomer(h, from);
    const seen: OwnershipChange[] = [];
    const step = async (_tx: Tx, change: OwnershipChange) => void seen.push(change);
    ownershipSteps.push(step);
    try {
      const result = await transfer(manager, {
        customerIds: [c1.id, c2.id],
        toOwnerId: to.id,
        backupOwnerId: backup.id,
      });
      expect(result.userErrors).toEqual([]);
      expect(result.customers).toEqual([
        { id: c1.id, owner: { id: to.id }, backupOwner: { id: backup.id }, inPool: false },
        { id: c2.id, owner: { id: to.id }, backupOwner: { id: backup.id }, inPool: false },
      ]);
    } finally {
      ownershipSteps.splice(ownershipSteps.indexOf(step), 1);
    }
    expect(seen).toEqual([
      {
        customerIds: [c1.id, c2.id].sort(),
        fromOwnerId: from.id,
        toOwnerId: to.id,
        actorId: manager.id,
      },
    ]);
    const events = await h.dataSource.query(
      `SELECT type, payload FROM outbox WHERE subject = $1 AND type <> 'crm.sales.customer.created.v1' ORDER BY seq`,
      [c1.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'crm.sales.customer.updated.v1',
      'crm.sales.customer.owner_changed.v1',
    ]);
    expect(events[0].payload.changedFields).toEqual(['ownerId', 'backupOwnerId']);
    expect(events[1].payload).toMatchObject({
      previousOwnerId: from.id,
      ownerId: to.id,
      reason: 'TRANSFER',
      changedBy: manager.id,
      version: 2,
    });
    const [audit] = await h.dataSource.query(
      "SELECT actor_id, before->>'ownerId' AS before, after->>'ownerId' AS after, after->>'reason' AS reason FROM audit_log WHERE entity_id = $1 AND action = 'customer.owner_change'",
      [c2.id],
    );
    expect(audit).toEqual({
      actor_id: manager.id,
      before: from.id,
      after: to.id,
      reason: 'TRANSFER',
    });
  });

  it('sends customers to the public pool when no new owner is named', async () => {
    const { manager, reps } = await seedTeam(h, 1);
    const c = await aCustomer(h, reps[0]);
    const result = await transfer(manager, { customerIds: [c.id], toOwnerId: null });
    expect(result.customers).toEqual([{ id: c.id, owner: null, backupOwner: null, inPool: true }]);
  });

  it("refuses a new owner or a customer outside the manager's teams and changes nothing", async () => {
    const { manager, reps } = await seedTeam(h, 1);
    const other = await seedTeam(h, 1);
    const mine = await aCustomer(h, reps[0]);
    const theirs = await aCustomer(h, other.reps[0]);
    const toOutsider = await transfer(manager, {
      customerIds: [mine.id],
      toOwnerId: other.reps[0].id,
    });
    expect(toOutsider.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.toOwnerId', 'FORBIDDEN'],
    ]);
    const outsideCustomer = await transfer(manager, {
      customerIds: [mine.id, theirs.id],
      toOwnerId: manager.id,
    });
    expect(outsideCustomer.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.customerIds.1', 'NOT_FOUND'],
    ]);
    const [row] = await h.dataSource.query(
      'SELECT owner_id, version FROM customers WHERE id = $1',
      [mine.id],
    );
    expect(row).toEqual({ owner_id: reps[0].id, version: 1 });
    const stranger = await transfer(manager, { customerIds: [mine.id], toOwnerId: aViewer().id });
    expect(stranger.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });

  it('is not for reps', async () => {
    const rep = aViewer();
    const c = await aCustomer(h, rep);
    expect(
      await errorCode(
        h,
        rep,
        'mutation($i: TransferCustomersInput!) { transferCustomers(input: $i) { customers { id } } }',
        { i: { customerIds: [c.id], toOwnerId: null } },
      ),
    ).toBe('FORBIDDEN');
  });
});
