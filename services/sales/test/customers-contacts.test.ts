import { aViewer, unique, uniqueMobile } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, mutate, query } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

const CONTACT = 'contact { id name title phone email isPrimary } customer { id version }';

interface ContactResult {
  contact: {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    isPrimary: boolean;
  } | null;
  customer: { id: string; version: number } | null;
}

const add = (viewer: ReturnType<typeof aViewer>, input: Record<string, unknown>) =>
  mutate<ContactResult>(h, viewer, 'addContact', 'AddContactInput', input, CONTACT);

describe('contacts', () => {
  it('adds normalized contacts, makes the first one primary and moves the primary flag on request', async () => {
    const rep = aViewer();
    const customer = await aCustomer(h, rep);
    const mobile = uniqueMobile();
    const first = await add(rep, {
      customerId: customer.id,
      name: '王经理',
      title: '采购经理',
      phone: `${mobile.slice(0, 3)} ${mobile.slice(3)}`,
      email: ' Wang@Example.COM ',
    });
    expect(first.userErrors).toEqual([]);
    expect(first.contact).toMatchObject({
      name: '王经理',
      phone: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
      email: 'wang@example.com',
      isPrimary: true,
    });
    const second = await add(rep, { customerId: customer.id, name: '李总', isPrimary: true });
    expect(second.contact?.isPrimary).toBe(true);
    const data = await query<{
      customer: { contacts: { totalCount: number; nodes: { name: string; isPrimary: boolean }[] } };
    }>(
      h,
      rep,
      'query($id: ID!) { customer(id: $id) { contacts { totalCount nodes { name isPrimary } } } }',
      { id: customer.id },
    );
    expect(data.customer.contacts).toEqual({
      totalCount: 2,
      nodes: [
        { name: '李总', isPrimary: true },
        { name: '王经理', isPrimary: false },
      ],
    });
  });

  it('publishes customer.updated with the contact keys and audits each change', async () => {
    const rep = aViewer();
    const customer = await aCustomer(h, rep);
    const mobile = uniqueMobile();
    const added = await add(rep, { customerId: customer.id, name: '赵工', phone: mobile });
    const updated = await mutate<ContactResult>(
      h,
      rep,
      'updateContact',
      'UpdateContactInput',
      { id: added.contact!.id, title: '总工程师' },
      CONTACT,
    );
    expect(updated.customer?.version).toBe(3);
    const removed = await mutate<ContactResult>(
      h,
      rep,
      'removeContact',
      'RemoveContactInput',
      { id: added.contact!.id },
      CONTACT,
    );
    expect(removed.userErrors).toEqual([]);
    const events = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.sales.customer.updated.v1' ORDER BY seq",
      [customer.id],
    );
    expect(
      events.map((e: { payload: { contactPhoneKeys: string[]; changedFields: string[] } }) => [
        e.payload.changedFields,
        e.payload.contactPhoneKeys,
      ]),
    ).toEqual([
      [['contacts'], [`+86${mobile}`]],
      [['contacts'], [`+86${mobile}`]],
      [['contacts'], []],
    ]);
    const audit = await h.dataSource.query(
      "SELECT action, before->>'title' AS before, after->>'title' AS after FROM audit_log WHERE entity_id = $1 ORDER BY id",
      [added.contact!.id],
    );
    expect(audit).toEqual([
      { action: 'contact.add', before: null, after: null },
      { action: 'contact.update', before: null, after: '总工程师' },
      { action: 'contact.remove', before: '总工程师', after: null },
    ]);
  });

  it('reports bad fields by path, refuses a second contact with the same phone and changes nothing', async () => {
    const rep = aViewer();
    const customer = await aCustomer(h, rep);
    const bad = await add(rep, { customerId: customer.id, name: ' ', phone: '555', email: 'nope' });
    expect(bad.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.phone', 'INVALID'],
      ['input.email', 'INVALID'],
    ]);
    const mobile = uniqueMobile();
    await add(rep, { customerId: customer.id, name: '甲', phone: mobile });
    const twin = await add(rep, { customerId: customer.id, name: '乙', phone: `+86${mobile}` });
    expect(twin.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'phone'], code: 'DUPLICATE' }),
    ]);
    const [{ n }] = await h.dataSource.query(
      'SELECT count(*)::int AS n FROM contacts WHERE customer_id = $1',
      [customer.id],
    );
    expect(n).toBe(1);
  });

  it('lets only someone who may change the customer touch its contacts, and masks them for an analyst', async () => {
    const owner = aViewer();
    const customer = await aCustomer(h, owner);
    const mobile = uniqueMobile();
    const qian = `qian.${unique('x').replace(/\s/g, '')}@example.com`;
    await add(owner, { customerId: customer.id, name: '钱经理', phone: mobile, email: qian });
    const stranger = await add(aViewer(), { customerId: customer.id, name: '入侵者' });
    expect(stranger.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const pool = await aCustomer(h, aViewer({ roles: ['SALES_MANAGER'] }), { ownerId: null });
    const poolContact = await add(owner, { customerId: pool.id, name: '路人' });
    expect(poolContact.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const seen = await query<{
      customer: { contacts: { nodes: { phone: string; email: string }[] } };
    }>(
      h,
      aViewer({ roles: ['ANALYST'] }),
      'query($id: ID!) { customer(id: $id) { contacts { nodes { phone email } } } }',
      { id: customer.id },
    );
    expect(seen.customer.contacts.nodes).toEqual([
      { phone: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, email: 'q***@example.com' },
    ]);
  });

  it('loads the contacts of a page of customers with one SQL query', async () => {
    const rep = aViewer();
    const tag = unique('batch');
    for (let i = 0; i < 5; i++) {
      const c = await aCustomer(h, rep, { tags: [tag] });
      await add(rep, { customerId: c.id, name: `联系人${i}` });
    }
    h.counter.reset();
    const data = await query<{
      customers: { nodes: { contacts: { nodes: { name: string; phone: string | null }[] } }[] };
    }>(
      h,
      rep,
      'query($tag: String!) { customers(first: 10, filter: { tags: [$tag] }) { nodes { contacts { nodes { name phone customer { id } } } } } }',
      { tag },
    );
    expect(data.customers.nodes.map((n) => n.contacts.nodes.length)).toEqual([1, 1, 1, 1, 1]);
    expect(h.counter.matching(/FROM contacts/)).toHaveLength(1);
  });
});
