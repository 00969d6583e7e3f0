import { ROLES, type Role, type Viewer } from '@crm/auth';
import { aViewer, graphql, unique, uniqueMobile } from '@crm/testing';
import request from 'supertest';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, seedPeople, seedTeam } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

/** Whose a fixture customer is, seen from the viewer under test. */
type Whose = 'mine' | 'team' | 'other' | 'pool';
const ALL: Whose[] = ['mine', 'team', 'other', 'pool'];
const TEAM: Whose[] = ['mine', 'team', 'pool'];
const OWN: Whose[] = ['mine', 'pool'];

/**
 * The expected matrix, role by role: which customers it sees (read), sees unmasked (contact),
 * may change (write: a rep must claim a pool customer first), and which of the sales-only
 * operations it may run at all (a role without one gets FORBIDDEN).
 */
const MATRIX: Record<
  Role,
  {
    read: Whose[];
    contact: Whose[];
    write: Whose[];
    merge: boolean;
    transfer: boolean;
    claim: boolean;
    settings: boolean;
    audit: boolean;
  }
> = {
  ADMIN: {
    read: ALL,
    contact: ALL,
    write: ALL,
    merge: true,
    transfer: true,
    claim: true,
    settings: true,
    audit: true,
  },
  EXECUTIVE: {
    read: ALL,
    contact: ALL,
    write: ALL,
    merge: true,
    transfer: true,
    claim: false,
    settings: false,
    audit: false,
  },
  SALES_MANAGER: {
    read: TEAM,
    contact: TEAM,
    write: TEAM,
    merge: true,
    transfer: true,
    claim: true,
    settings: true,
    audit: false,
  },
  SALES_REP: {
    read: OWN,
    contact: OWN,
    write: ['mine'],
    merge: false,
    transfer: false,
    claim: true,
    settings: false,
    audit: false,
  },
  MARKETING_MANAGER: {
    read: ALL,
    contact: [],
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
  MARKETER: {
    read: ALL,
    contact: [],
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
  SERVICE_MANAGER: {
    read: ALL,
    contact: ALL,
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
  SERVICE_AGENT: {
    read: ALL,
    contact: ALL,
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
  PRODUCT_MANAGER: {
    read: ALL,
    contact: [],
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
  ANALYST: {
    read: ALL,
    contact: [],
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
  INTEGRATION: {
    read: ALL,
    contact: ALL,
    write: [],
    merge: false,
    transfer: false,
    claim: false,
    settings: false,
    audit: false,
  },
};

interface World {
  viewer: Viewer;
  teamId: string;
  teamRep: Viewer;
  customers: Record<Whose, { id: string; phone: string }>;
  spare: Record<'team1' | 'team2' | 'pool', string>;
}

/** A team the viewer belongs to (and manages, if a manager), a colleague, an outsider and their customers. */
async function world(role: Role): Promise<World> {
  const { teamId, reps } = await seedTeam(h, 1);
  const viewer = aViewer({ roles: [role], teamId, managedTeamIds: [teamId] });
  const outsider = (await seedTeam(h, 1)).reps[0];
  await seedPeople(h, viewer);
  const admin = aViewer({ roles: ['ADMIN'] });
  const make = async (ownerId: string | null) => {
    const phone = uniqueMobile();
    return { id: (await aCustomer(h, admin, { ownerId, phone })).id, phone };
  };
  return {
    viewer,
    teamId,
    teamRep: reps[0],
    customers: {
      mine: await make(viewer.id),
      team: await make(reps[0].id),
      other: await make(outsider.id),
      pool: await make(null),
    },
    spare: {
      team1: (await make(reps[0].id)).id,
      team2: (await make(reps[0].id)).id,
      pool: (await make(null)).id,
    },
  };
}

async function call(w: World, query: string, variables: Record<string, unknown> = {}) {
  return graphql<Record<string, { userErrors?: { code: string }[] } & Record<string, unknown>>>(
    h.app,
    {
      query,
      variables,
      token: await h.tokenFor(w.viewer),
    },
  );
}

/** ok | FORBIDDEN (the whole call) | the first user error's code. */
async function outcome(w: World, query: string, input: Record<string, unknown>): Promise<string> {
  const res = await call(w, query, { input });
  if (res.errors?.length) return String(res.errors[0].extensions?.code);
  const payload = Object.values(res.data ?? {})[0];
  return payload?.userErrors?.[0]?.code ?? 'ok';
}

describe.each(ROLES)('%s', (role) => {
  const expected = MATRIX[role];
  let w: World;
  beforeAll(async () => {
    w = await world(role);
  });

  it('sees exactly the customers of its scope, by id and in lists, with contact data masked outside its right', async () => {
    const seen: Whose[] = [];
    const unmasked: Whose[] = [];
    for (const whose of ALL) {
      const res = await call(w, 'query($id: ID!) { customer(id: $id) { id phone } }', {
        id: w.customers[whose].id,
      });
      const c = res.data?.customer as { id: string; phone: string } | null;
      if (c) seen.push(whose);
      if (c?.phone.replace(/\s/g, '') === w.customers[whose].phone) unmasked.push(whose);
    }
    expect(seen).toEqual(expected.read);
    expect(unmasked).toEqual(expected.contact.filter((x) => expected.read.includes(x)));
    const ids = ALL.map((x) => w.customers[x].id);
    const list = await call(
      w,
      'query($ids: [ID!]) { customers(first: 100, filter: { ownerIds: $ids }) { nodes { id } } }',
      {
        ids: [w.viewer.id, w.teamRep.id],
      },
    );
    const listed = (list.data?.customers as unknown as { nodes: { id: string }[] }).nodes
      .map((n) => ids.indexOf(n.id))
      .filter((i) => i >= 0);
    expect(listed.map((i) => ALL[i]).sort()).toEqual(
      expected.read.filter((x) => x === 'mine' || x === 'team').sort(),
    );
  });

  it('changes exactly the customers and contacts of its write scope', async () => {
    const changed: Whose[] = [];
    const contacted: Whose[] = [];
    for (const whose of ALL) {
      const id = w.customers[whose].id;
      const update = await outcome(
        w,
        'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { userErrors { code } } }',
        { id, industry: unique('行业') },
      );
      if (update === 'ok') changed.push(whose);
      else
        expect(update).toBe(
          expected.write.length
            ? expected.read.includes(whose)
              ? 'FORBIDDEN'
              : 'NOT_FOUND'
            : 'FORBIDDEN',
        );
      const contact = await outcome(
        w,
        'mutation($input: AddContactInput!) { addContact(input: $input) { userErrors { code } } }',
        { customerId: id, name: '测试联系人' },
      );
      if (contact === 'ok') contacted.push(whose);
    }
    expect(changed).toEqual(expected.write);
    expect(contacted).toEqual(expected.write);
    const created = await outcome(
      w,
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { userErrors { code } } }',
      { name: unique('新客户') },
    );
    expect(created).toBe(expected.write.length ? 'ok' : 'FORBIDDEN');
    const upload = await request(h.app)
      .post('/imports/customers')
      .set('authorization', `Bearer ${await h.tokenFor(w.viewer)}`)
      .attach('file', Buffer.from(`客户名称\r\n${unique('导入')}\r\n`), 'a.csv');
    expect(upload.status).toBe(expected.write.length ? 200 : 403);
  });

  it('merges, transfers and reviews duplicates only with the right, within its teams', async () => {
    const merge = await outcome(
      w,
      'mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { userErrors { code } } }',
      {
        targetId: w.spare.team1,
        sourceId: w.spare.team2,
      },
    );
    expect(merge).toBe(expected.merge ? 'ok' : 'FORBIDDEN');
    const transfer = await outcome(
      w,
      'mutation($input: TransferCustomersInput!) { transferCustomers(input: $input) { userErrors { code } } }',
      {
        customerIds: [w.spare.team1],
        toOwnerId: w.viewer.id,
      },
    );
    expect(transfer).toBe(expected.transfer ? 'ok' : 'FORBIDDEN');
    const outside = await outcome(
      w,
      'mutation($input: TransferCustomersInput!) { transferCustomers(input: $input) { userErrors { code } } }',
      {
        customerIds: [w.customers.other.id],
        toOwnerId: w.viewer.id,
      },
    );
    expect(outside).toBe(
      !expected.transfer ? 'FORBIDDEN' : expected.read.includes('other') ? 'ok' : 'NOT_FOUND',
    );
    const review = await call(w, '{ duplicateCandidates(first: 1) { nodes { reasons } } }');
    expect(review.errors?.[0]?.extensions?.code ?? 'ok').toBe(expected.merge ? 'ok' : 'FORBIDDEN');
  });

  it('claims from and releases to the pool only with the right', async () => {
    const claim = await outcome(
      w,
      'mutation($input: ClaimCustomerInput!) { claimCustomer(input: $input) { userErrors { code } } }',
      { customerId: w.spare.pool },
    );
    expect(claim).toBe(expected.claim ? 'ok' : 'FORBIDDEN');
    const release = await outcome(
      w,
      'mutation($input: ReleaseCustomerInput!) { releaseCustomer(input: $input) { userErrors { code } } }',
      { customerId: w.customers.mine.id },
    );
    expect(release).toBe(expected.claim ? 'ok' : 'FORBIDDEN');
  });

  it('changes pool and hand-over settings of its own teams only with the right, and reads the audit log only as ADMIN', async () => {
    const pool = await outcome(
      w,
      'mutation($input: SetPoolSettingsInput!) { setPoolSettings(input: $input) { userErrors { code } } }',
      { teamId: w.teamId, followUpDays: 45 },
    );
    expect(pool).toBe(expected.settings ? 'ok' : 'FORBIDDEN');
    const handover = await outcome(
      w,
      'mutation($input: SetTeamHandoverInput!) { setTeamHandover(input: $input) { userErrors { code } } }',
      { teamId: w.teamId, mode: 'PUBLIC_POOL' },
    );
    expect(handover).toBe(expected.settings ? 'ok' : 'FORBIDDEN');
    const read = await call(
      w,
      'query($t: ID!) { teamHandover(teamId: $t) { mode } poolSettings(teamId: $t) { followUpDays } }',
      { t: w.teamId },
    );
    expect(read.errors?.[0]?.extensions?.code ?? 'ok').toBe(expected.settings ? 'ok' : 'FORBIDDEN');
    const rules = await call(w, 'query($t: ID!) { poolSettings(teamId: $t) { followUpDays } }', {
      t: w.teamId,
    });
    expect(rules.errors).toBeUndefined();
    const audit = await call(w, '{ salesAuditLog(first: 1) { edges { node { action } } } }');
    expect(audit.errors?.[0]?.extensions?.code ?? 'ok').toBe(expected.audit ? 'ok' : 'FORBIDDEN');
  });
});
