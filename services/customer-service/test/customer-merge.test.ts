import { findCustomersByContact, mergedInto } from '@crm/customer-replica';
import { newId } from '@crm/database';
import { customerMerged, customerUpdated } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
  unique,
} from '@crm/testing';
import { deskWithAgent } from './harness';

const agent = aViewer({ roles: ['SERVICE_AGENT'] });
const desk = deskWithAgent(agent);

async function openTicket(customerId: string): Promise<string> {
  const data = await graphqlOk<{ openTicket: { ticket: { id: string } } }>(desk.h.app, {
    query:
      'mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { message } } }',
    variables: { input: { customerId, subject: unique('Broken'), channel: 'PHONE' } },
    token: await desk.h.tokenFor(agent),
  });
  return data.openTicket.ticket.id;
}

async function ticketsOf(customerId: string): Promise<string[]> {
  const found = (await desk.h.dataSource.query(
    'SELECT id FROM tickets WHERE customer_id = $1 ORDER BY id',
    [customerId],
  )) as { id: string }[];
  return found.map((r) => r.id);
}

describe('a customer merged in sales', () => {
  it("moves the merged-away customer's tickets to the survivor, audited, once however often the merge arrives", async () => {
    const phoneKey = `+86${Date.now()}`.slice(0, 14);
    const source = aCustomerSnapshot({ name: unique('Merged Away'), phoneKey });
    const target = aCustomerSnapshot({ name: unique('Survivor'), tier: 'A', phoneKey });
    await knownCustomers(desk.h.dataSource, source, target);
    const moving = await openTicket(source.customerId);
    const staying = await openTicket(target.customerId);

    const merge = {
      sourceId: source.customerId,
      targetId: target.customerId,
      target: { ...target, tier: 'KEY' as const, version: 2 },
      mergedBy: newId(),
      mergedAt: new Date().toISOString(),
    };
    produceEvent(customerMerged, merge);
    await eventually(async () =>
      expect(await ticketsOf(target.customerId)).toEqual([moving, staying].sort()),
    );
    expect(await ticketsOf(source.customerId)).toEqual([]);

    const audit = await desk.h.dataSource.query(
      `SELECT actor_id, before, after FROM audit_log WHERE action = 'ticket.customer_merged' AND entity_id = $1`,
      [moving],
    );
    expect(audit).toEqual([
      {
        actor_id: merge.mergedBy,
        before: { customerId: source.customerId },
        after: { customerId: target.customerId },
      },
    ]);

    // the replica took the survivor's snapshot and knows the source is merged into it
    const [replica] = await desk.h.dataSource.query(
      'SELECT tier, version FROM customer_replica WHERE id = $1',
      [target.customerId],
    );
    expect(replica).toEqual({ tier: 'KEY', version: 2 });
    expect(await mergedInto(desk.h.dataSource.manager, source.customerId)).toBe(target.customerId);

    // a late snapshot of the source (its own key, another partition) does not revive it, and
    // the merge delivered again (a new id: a replay by the producer) moves and audits nothing
    produceEvent(customerUpdated, { ...source, version: 3, changedFields: ['name'] });
    produceEvent(customerMerged, merge);
    // on the survivor's key, after the replayed merge: once it is applied, so is the replay
    produceEvent(customerUpdated, { ...merge.target, version: 3, changedFields: ['name'] });
    const versionOf = async (id: string) =>
      (
        (await desk.h.dataSource.query('SELECT version FROM customer_replica WHERE id = $1', [
          id,
        ])) as {
          version: number;
        }[]
      )[0]?.version;
    await eventually(async () => {
      expect(await versionOf(source.customerId)).toBe(3);
      expect(await versionOf(target.customerId)).toBe(3);
    });
    expect(
      (await findCustomersByContact(desk.h.dataSource.manager, { phoneKey })).map((c) => c.id),
    ).toEqual([target.customerId]);
    const [{ n }] = await desk.h.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.customer_merged' AND entity_id = $1`,
      [moving],
    );
    expect(n).toBe(1);
  });
});
