import { aViewer, graphql, unique, uniqueMobile } from '@crm/testing';
import type { Tx } from '@crm/database';
import { mergeSteps, type CustomerMerge } from '../src/domain/merge-steps';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, errorCode, mutate, query, seedTeam } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

const MERGE =
  'customer { id name phone email tags industry contacts { nodes { name phone email isPrimary } } } mergedCustomerId';

interface Merged {
  customer: {
    id: string;
    name: string;
    phone: string | null;
    tags: string[];
    industry: string | null;
    contacts: {
      nodes: { name: string; phone: string | null; email: string | null; isPrimary: boolean }[];
    };
  } | null;
  mergedCustomerId: string | null;
}

const merge = (viewer: ReturnType<typeof aViewer>, targetId: string, sourceId: string) =>
  mutate<Merged>(h, viewer, 'mergeCustomers', 'MergeCustomersInput', { targetId, sourceId }, MERGE);

const addContact = (
  viewer: ReturnType<typeof aViewer>,
  customerId: string,
  input: Record<string, unknown>,
) => mutate(h, viewer, 'addContact', 'AddContactInput', { customerId, ...input }, 'contact { id }');

describe('merging customers', () => {
  it('moves contacts without duplicates, keeps what the target lacks and leaves a tombstone that answers with the target', async () => {
    const { manager, reps } = await seedTeam(h, 2);
    const [a, b] = reps;
    const shared = uniqueMobile();
    const onlySource = uniqueMobile();
    const sourcePhone = uniqueMobile();
    const target = await aCustomer(h, a, { name: unique('星辰科技'), tags: ['vip'] });
    const source = await aCustomer(h, b, {
      name: unique('星辰'),
      tags: ['east'],
      industry: '制造',
      phone: sourcePhone,
    });
    await addContact(a, target.id, { name: '王经理', phone: shared });
    // an old duplicate contact on the source: written straight to the table (before prevention)
    await addContact(b, source.id, { name: '刘助理', phone: onlySource });
    await h.dataSource.query(
      `INSERT INTO contacts (id, customer_id, name, phone, phone_key, is_primary) VALUES (gen_random_uuid(), $1, '王经理(旧)', $2, $3, false)`,
      [source.id, shared, `+86${shared}`],
    );
    const result = await merge(manager, target.id, source.id);
    expect(result.userErrors).toEqual([]);
    expect(result.mergedCustomerId).toBe(source.id);
    expect(result.customer).toMatchObject({
      id: target.id,
      industry: '制造',
      tags: ['vip', 'east'],
    });
    expect(result.customer!.contacts.nodes.map((c) => [c.name, c.isPrimary])).toEqual([
      ['王经理', true],
      ['刘助理', false],
    ]);
    expect(result.customer!.phone?.replace(/\s/g, '')).toBe(sourcePhone);
    const [tombstone] = await h.dataSource.query(
      'SELECT status, merged_into_id FROM customers WHERE id = $1',
      [source.id],
    );
    expect(tombstone).toEqual({ status: 'MERGED', merged_into_id: target.id });
    const lookup = await query<{ customer: { id: string }; _entities: { id: string }[] }>(
      h,
      manager,
      'query($id: ID!, $r: [_Any!]!) { customer(id: $id) { id } _entities(representations: $r) { ... on Customer { id } } }',
      { id: source.id, r: [{ __typename: 'Customer', id: source.id }] },
    );
    expect(lookup.customer.id).toBe(target.id);
    expect(lookup._entities[0].id).toBe(target.id);
    const list = await query<{ customers: { nodes: { id: string }[] } }>(
      h,
      manager,
      'query($ids: [ID!]) { customers(first: 50, filter: { ownerIds: $ids }) { nodes { id } } }',
      { ids: [a.id, b.id] },
    );
    expect(list.customers.nodes.map((n) => n.id)).toEqual([target.id]);
  });

  it('publishes customer.merged keyed by the surviving customer and audits both records', async () => {
    const admin = aViewer({ roles: ['ADMIN'] });
    const rep = aViewer();
    const target = await aCustomer(h, rep);
    const source = await aCustomer(h, rep);
    await merge(admin, target.id, source.id);
    const [event] = await h.dataSource.query(
      "SELECT key, payload FROM outbox WHERE type = 'crm.sales.customer.merged.v1' AND payload->>'sourceId' = $1",
      [source.id],
    );
    expect(event.key).toBe(target.id);
    expect(event.payload).toMatchObject({
      sourceId: source.id,
      targetId: target.id,
      mergedBy: admin.id,
      target: { customerId: target.id, version: 2 },
    });
    const audit = await h.dataSource.query(
      'SELECT entity_id, action, actor_id FROM audit_log WHERE entity_id = ANY($1) AND action LIKE $2 ORDER BY action',
      [[target.id, source.id], 'customer.merge%'],
    );
    expect(audit).toEqual([
      { entity_id: target.id, action: 'customer.merge', actor_id: admin.id },
      { entity_id: source.id, action: 'customer.merged_away', actor_id: admin.id },
    ]);
  });

  it('runs the registered merge steps in its transaction and rolls everything back when one fails', async () => {
    const admin = aViewer({ roles: ['EXECUTIVE'] });
    const rep = aViewer();
    const target = await aCustomer(h, rep);
    const source = await aCustomer(h, rep);
    await addContact(rep, source.id, { name: '孙经理' });
    const seen: CustomerMerge[] = [];
    const failing = async (_tx: Tx, m: CustomerMerge) => {
      seen.push(m);
      throw new Error('opportunities could not move');
    };
    mergeSteps.push(failing);
    try {
      const res = await graphql(h.app, {
        query: `mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { mergedCustomerId } }`,
        variables: { input: { targetId: target.id, sourceId: source.id } },
        token: await h.tokenFor(admin),
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      mergeSteps.splice(mergeSteps.indexOf(failing), 1);
    }
    expect(seen).toEqual([{ sourceId: source.id, targetId: target.id, actorId: admin.id }]);
    const [row] = await h.dataSource.query('SELECT status FROM customers WHERE id = $1', [
      source.id,
    ]);
    expect(row.status).toBe('ACTIVE');
    const [{ n }] = await h.dataSource.query(
      'SELECT count(*)::int AS n FROM contacts WHERE customer_id = $1',
      [source.id],
    );
    expect(n).toBe(1);
  });

  it('refuses reps, customers outside the manager’s teams, a customer merged already and a self-merge', async () => {
    const { manager, reps } = await seedTeam(h, 1);
    const inTeam = await aCustomer(h, reps[0]);
    const outside = await aCustomer(h, aViewer());
    expect(
      await errorCode(
        h,
        reps[0],
        'mutation($i: MergeCustomersInput!) { mergeCustomers(input: $i) { mergedCustomerId } }',
        {
          i: { targetId: inTeam.id, sourceId: outside.id },
        },
      ),
    ).toBe('FORBIDDEN');
    expect(
      (await merge(manager, inTeam.id, outside.id)).userErrors.map((e) => [
        e.field?.join('.'),
        e.code,
      ]),
    ).toEqual([['input.sourceId', 'NOT_FOUND']]);
    expect((await merge(manager, inTeam.id, inTeam.id)).userErrors[0].code).toBe('INVALID');
    const other = await aCustomer(h, reps[0]);
    await merge(manager, inTeam.id, other.id);
    expect((await merge(manager, inTeam.id, other.id)).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      message: `sourceId: customer ${other.id} was already merged into ${inTeam.id}`,
    });
  });
});
