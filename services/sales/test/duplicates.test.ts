import { aViewer, unique, uniqueMobile } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, errorCode, mutate, query, seedPeople, seedTeam } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

const create = (viewer: ReturnType<typeof aViewer>, input: Record<string, unknown>) =>
  mutate<{ customer: { id: string } | null }>(
    h,
    viewer,
    'createCustomer',
    'CreateCustomerInput',
    input,
    'customer { id }',
  );

describe('duplicate prevention', () => {
  it('finds the same mobile number written another way and names the existing customer', async () => {
    const rep = aViewer();
    const mobile = uniqueMobile();
    const first = await aCustomer(h, rep, { phone: mobile });
    const again = await create(rep, {
      name: unique('Another name'),
      phone: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
    });
    expect(again.customer).toBeNull();
    expect(again.userErrors).toEqual([
      {
        field: ['input', 'phone'],
        code: 'DUPLICATE',
        message: `phone: customer "${first.name}" (${first.id}) already has this phone number`,
      },
    ]);
  });

  it('finds the same email in another case and with spaces', async () => {
    const rep = aViewer();
    const email = `${unique('buyer').replace(/\s/g, '.')}@example.com`;
    const first = await aCustomer(h, rep, { email });
    const again = await create(rep, { name: unique('Other'), email: `  ${email.toUpperCase()} ` });
    expect(again.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.email', 'DUPLICATE'],
    ]);
    expect(again.userErrors[0].message).toContain(first.id);
  });

  it.each([
    ['有限公司', '（集团）股份有限公司'],
    ['有限责任公司', ' 集团'],
    [' Co., Ltd.', ' INC'],
    [' LLC', ' Corp.'],
  ])(
    'treats company names ending in %s and %s, full-width or half-width, as the same',
    async (a, b) => {
      const rep = aViewer();
      const base = unique('Star Tech');
      const first = await aCustomer(h, rep, { name: `${base}${a}` });
      const fullWidth = base.replace(/[A-Za-z0-9]/g, (ch) =>
        String.fromCharCode(ch.charCodeAt(0) + 0xfee0),
      );
      const again = await create(rep, { name: `${fullWidth.toUpperCase()}${b}` });
      expect(again.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'name'], code: 'DUPLICATE' }),
      ]);
      expect(again.userErrors[0].message).toContain(first.id);
    },
  );

  it('lets two people share a name but not a company and its branch be confused', async () => {
    const rep = aViewer();
    const person = unique('张伟');
    await aCustomer(h, rep, { name: person, kind: 'PERSON' });
    expect((await create(rep, { name: person, kind: 'PERSON' })).userErrors).toEqual([]);
    const company = unique('星辰科技');
    await aCustomer(h, rep, { name: `${company}有限公司` });
    expect((await create(rep, { name: `${company}北京分公司` })).userErrors).toEqual([]);
  });

  it('tells someone who may not see the existing customer only that it exists and who owns it', async () => {
    const [owner, other] = await seedPeople(h, aViewer(), aViewer());
    const mobile = uniqueMobile();
    const hidden = await aCustomer(h, owner, { phone: mobile });
    const again = await create(other, { name: unique('Mine'), phone: mobile });
    expect(again.userErrors).toEqual([
      {
        field: ['input', 'phone'],
        code: 'DUPLICATE',
        message: `phone: a customer with this phone number already exists; it belongs to ${owner.name}`,
      },
    ]);
    expect(again.userErrors[0].message).not.toContain(hidden.id);
    expect(again.userErrors[0].message).not.toContain(hidden.name);
  });

  it('reports every duplicated field of one request and creates nothing', async () => {
    const rep = aViewer();
    const mobile = uniqueMobile();
    const email = `${unique('x').replace(/\s/g, '')}@example.com`;
    const first = await aCustomer(h, rep, { phone: mobile, email });
    const [{ n: before }] = await h.dataSource.query('SELECT count(*)::int AS n FROM customers');
    const again = await create(rep, { name: first.name, phone: mobile, email });
    expect(again.userErrors.map((e) => e.field?.join('.')).sort()).toEqual([
      'input.email',
      'input.name',
      'input.phone',
    ]);
    const [{ n: after }] = await h.dataSource.query('SELECT count(*)::int AS n FROM customers');
    expect(after).toBe(before);
  });

  it("blocks an update to another customer's phone and a contact with another customer's email", async () => {
    const rep = aViewer();
    const mobile = uniqueMobile();
    const email = `${unique('c').replace(/\s/g, '')}@example.com`;
    const taken = await aCustomer(h, rep, { phone: mobile, email });
    const mine = await aCustomer(h, rep);
    const update = await mutate(
      h,
      rep,
      'updateCustomer',
      'UpdateCustomerInput',
      { id: mine.id, phone: mobile, tier: 'A' },
      'customer { id }',
    );
    expect(update.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'phone'], code: 'DUPLICATE' }),
    ]);
    const contact = await mutate(
      h,
      rep,
      'addContact',
      'AddContactInput',
      { customerId: mine.id, name: '王经理', email: email.toUpperCase() },
      'contact { id }',
    );
    expect(contact.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'email'], code: 'DUPLICATE' }),
    ]);
    expect(contact.userErrors[0].message).toContain(taken.id);
    const [row] = await h.dataSource.query('SELECT tier, phone_key FROM customers WHERE id = $1', [
      mine.id,
    ]);
    expect(row).toEqual({ tier: null, phone_key: null });
  });

  it("counts a contact's phone as the customer's when another customer wants it", async () => {
    const rep = aViewer();
    const mobile = uniqueMobile();
    const owner = await aCustomer(h, rep);
    await mutate(
      h,
      rep,
      'addContact',
      'AddContactInput',
      { customerId: owner.id, name: '李总', phone: mobile },
      'contact { id }',
    );
    const again = await create(rep, { name: unique('Else'), phone: mobile });
    expect(again.userErrors[0]).toMatchObject({ code: 'DUPLICATE', field: ['input', 'phone'] });
    expect(again.userErrors[0].message).toContain(owner.id);
  });
});

describe('duplicate candidates', () => {
  it('lists older records that share a phone, an email or a name for the managers who can merge them', async () => {
    const { manager, reps } = await seedTeam(h, 1);
    const a = await aCustomer(h, reps[0], { phone: uniqueMobile() });
    const b = await aCustomer(h, reps[0]);
    const name = unique('Legacy');
    const c = await aCustomer(h, reps[0], { name, kind: 'PERSON' });
    const d = await aCustomer(h, reps[0], { name, kind: 'PERSON' });
    // records from before duplicate prevention: written straight to the table
    await h.dataSource.query(
      'UPDATE customers SET phone_key = (SELECT phone_key FROM customers WHERE id = $1) WHERE id = $2',
      [a.id, b.id],
    );
    const candidates = async (viewer = manager) => {
      const data = await query<{
        duplicateCandidates: {
          nodes: { customer: { id: string }; duplicate: { id: string }; reasons: string[] }[];
        };
      }>(
        h,
        viewer,
        '{ duplicateCandidates(first: 100) { nodes { customer { id } duplicate { id } reasons } } }',
      );
      return data.duplicateCandidates.nodes.map((n) => [n.customer.id, n.duplicate.id, n.reasons]);
    };
    const seen = await candidates();
    expect(seen).toContainEqual([a.id, b.id, ['SAME_PHONE']]);
    expect(seen).toContainEqual([c.id, d.id, ['SIMILAR_NAME']]);
    const outsider = (await seedTeam(h, 0)).manager;
    expect(await candidates(outsider)).not.toContainEqual([a.id, b.id, ['SAME_PHONE']]);
    expect(await errorCode(h, reps[0], '{ duplicateCandidates { nodes { reasons } } }')).toBe(
      'FORBIDDEN',
    );
  });

  it('pages through the pairs with a cursor and counts them all on every page', async () => {
    const admin = aViewer({ roles: ['ADMIN'] });
    const rep = aViewer();
    for (let i = 0; i < 2; i++) {
      const name = unique('Same person');
      await aCustomer(h, rep, { name, kind: 'PERSON' });
      await aCustomer(h, rep, { name, kind: 'PERSON' });
    }
    const page = await query<{
      duplicateCandidates: {
        totalCount: number;
        edges: { cursor: string }[];
        pageInfo: { endCursor: string | null };
      };
    }>(
      h,
      admin,
      '{ duplicateCandidates(first: 1) { totalCount edges { cursor } pageInfo { endCursor } } }',
    );
    expect(page.duplicateCandidates.edges).toHaveLength(1);
    expect(page.duplicateCandidates.totalCount).toBeGreaterThanOrEqual(2);
    const next = await query<{
      duplicateCandidates: { totalCount: number; edges: { cursor: string }[] };
    }>(
      h,
      admin,
      'query($after: String) { duplicateCandidates(first: 1, after: $after) { totalCount edges { cursor } } }',
      { after: page.duplicateCandidates.pageInfo.endCursor },
    );
    expect(next.duplicateCandidates.totalCount).toBe(page.duplicateCandidates.totalCount);
    expect(next.duplicateCandidates.edges[0]?.cursor).not.toBe(
      page.duplicateCandidates.edges[0].cursor,
    );
  });
});
