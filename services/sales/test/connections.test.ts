import { aViewer, unique } from '@crm/testing';
import { aCustomer, mutate, query, seedPeople } from './customers-fixtures';
import { startSales, type SalesHarness } from './harness';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

interface Page<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('lists under a customer are cursor connections', () => {
  it("pages a customer's contacts with first/after and counts them all", async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    await seedPeople(h, rep);
    const customer = await aCustomer(h, rep);
    for (const name of ['甲', '乙', '丙'])
      await mutate(
        h,
        rep,
        'addContact',
        'AddContactInput',
        { customerId: customer.id, name },
        'contact { id }',
      );
    const CONTACTS = `query($id: ID!, $after: String) {
      customer(id: $id) { contacts(first: 2, after: $after) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }
    }`;
    const first = await query<{ customer: { contacts: Page<{ name: string }> } }>(
      h,
      rep,
      CONTACTS,
      {
        id: customer.id,
      },
    );
    expect(first.customer.contacts.nodes.map((c) => c.name)).toEqual(['甲', '乙']);
    expect(first.customer.contacts.totalCount).toBe(3);
    expect(first.customer.contacts.pageInfo.hasNextPage).toBe(true);
    const second = await query<{ customer: { contacts: Page<{ name: string }> } }>(
      h,
      rep,
      CONTACTS,
      {
        id: customer.id,
        after: first.customer.contacts.pageInfo.endCursor,
      },
    );
    expect(second.customer.contacts.nodes.map((c) => c.name)).toEqual(['丙']);
    expect(second.customer.contacts.totalCount).toBe(3);
    expect(second.customer.contacts.pageInfo.hasNextPage).toBe(false);
  });

  it('answers opportunities, quotes and activities of a customer as connections with totalCount', async () => {
    const rep = aViewer({ roles: ['SALES_REP'] });
    await seedPeople(h, rep);
    const customer = await aCustomer(h, rep);
    const data = await query<{
      customer: Record<'opportunities' | 'quotes' | 'activities', Page<unknown>>;
    }>(
      h,
      rep,
      `query($id: ID!) { customer(id: $id) {
        opportunities(first: 5, statuses: [OPEN]) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
        quotes(first: 5) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
        activities(first: 5) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
      } }`,
      { id: customer.id },
    );
    const empty = { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    expect(data.customer).toEqual({ opportunities: empty, quotes: empty, activities: empty });
  });
});

describe('the audit log', () => {
  it('counts the entries matching its filter on every page', async () => {
    const admin = aViewer({ roles: ['ADMIN'] });
    const rep = aViewer({ roles: ['SALES_REP'] });
    await seedPeople(h, rep);
    const customer = await aCustomer(h, rep, { name: unique('审计') });
    for (const tag of ['a', 'b'])
      await mutate(
        h,
        rep,
        'updateCustomer',
        'UpdateCustomerInput',
        { id: customer.id, tags: [tag] },
        'customer { id }',
      );
    const AUDIT = `query($id: String, $after: String) {
      salesAuditLog(first: 2, after: $after, filter: { entityId: $id }) { totalCount nodes { action } pageInfo { endCursor } }
    }`;
    const first = await query<{ salesAuditLog: Page<{ action: string }> }>(h, admin, AUDIT, {
      id: customer.id,
    });
    expect(first.salesAuditLog.totalCount).toBe(3);
    expect(first.salesAuditLog.nodes).toHaveLength(2);
    const second = await query<{ salesAuditLog: Page<{ action: string }> }>(h, admin, AUDIT, {
      id: customer.id,
      after: first.salesAuditLog.pageInfo.endCursor,
    });
    expect(second.salesAuditLog.totalCount).toBe(3);
    expect(second.salesAuditLog.nodes).toHaveLength(1);
  });
});
