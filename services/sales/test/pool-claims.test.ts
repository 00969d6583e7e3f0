import { aViewer } from '@crm/testing';
import { startSales, type SalesHarness } from './harness';
import { aCustomer, errorCode, mutate, query, seedTeam } from './customers-fixtures';

let h: SalesHarness;
beforeAll(async () => {
  h = await startSales();
});
afterAll(() => h.stop());

type Viewer = ReturnType<typeof aViewer>;
const SELECTION = 'customer { id inPool owner { id } }';

const claim = (viewer: Viewer, customerId: string) =>
  mutate<{ customer: { id: string; inPool: boolean; owner: { id: string } | null } | null }>(
    h,
    viewer,
    'claimCustomer',
    'ClaimCustomerInput',
    { customerId },
    SELECTION,
  );
const release = (viewer: Viewer, customerId: string, reason?: string) =>
  mutate<{ customer: { id: string; inPool: boolean } | null }>(
    h,
    viewer,
    'releaseCustomer',
    'ReleaseCustomerInput',
    { customerId, reason },
    SELECTION,
  );
const setRules = (viewer: Viewer, input: Record<string, unknown>) =>
  mutate<{
    settings: {
      teamId: string | null;
      followUpDays: number;
      claimLimit: number;
      coolingOffDays: number;
    } | null;
  }>(
    h,
    viewer,
    'setPoolSettings',
    'SetPoolSettingsInput',
    input,
    'settings { teamId followUpDays claimLimit coolingOffDays }',
  );
const poolCustomer = (manager: Viewer) => aCustomer(h, manager, { ownerId: null });

describe('the public pool', () => {
  it('lets a rep claim a pool customer once, publishing the claim', async () => {
    const { manager, reps } = await seedTeam(h, 2);
    const c = await poolCustomer(manager);
    const first = await claim(reps[0], c.id);
    expect(first.customer).toEqual({ id: c.id, inPool: false, owner: { id: reps[0].id } });
    const second = await claim(reps[1], c.id);
    expect(second.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const [event] = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.sales.customer.owner_changed.v1'",
      [c.id],
    );
    expect(event.payload).toMatchObject({
      previousOwnerId: null,
      ownerId: reps[0].id,
      reason: 'CLAIM',
    });
  });

  it("stops a claim at the team's per-rep limit of owned customers", async () => {
    const { manager, reps, teamId } = await seedTeam(h, 1);
    expect((await setRules(manager, { teamId, claimLimit: 2 })).settings).toMatchObject({
      teamId,
      claimLimit: 2,
    });
    await aCustomer(h, reps[0]);
    const c = await poolCustomer(manager);
    expect((await claim(reps[0], c.id)).userErrors).toEqual([]);
    const next = await poolCustomer(manager);
    const refused = await claim(reps[0], next.id);
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'customerId'],
        code: 'LIMIT_REACHED',
        message:
          'customerId: you own 2 customers and may own at most 2; release or hand over some first',
      },
    ]);
    const [row] = await h.dataSource.query('SELECT owner_id FROM customers WHERE id = $1', [
      next.id,
    ]);
    expect(row.owner_id).toBeNull();
  });

  it('keeps a rep who released a customer from claiming it back during the cooling-off, but not others', async () => {
    const { manager, reps, teamId } = await seedTeam(h, 2);
    await setRules(manager, { teamId, coolingOffDays: 5 });
    const c = await aCustomer(h, reps[0]);
    const released = await release(reps[0], c.id, '客户暂无需求');
    expect(released.customer).toMatchObject({ id: c.id, inPool: true });
    const back = await claim(reps[0], c.id);
    expect(back.userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'customerId'] });
    expect(back.userErrors[0].message).toMatch(/you can claim it again after \d{4}-/);
    // five days later the cooling-off is over
    await h.dataSource.query(
      "UPDATE pool_releases SET released_at = now() - interval '5 days 1 minute' WHERE customer_id = $1",
      [c.id],
    );
    expect((await claim(reps[0], c.id)).customer?.owner).toEqual({ id: reps[0].id });
    await release(reps[0], c.id);
    expect((await claim(reps[1], c.id)).customer?.owner).toEqual({ id: reps[1].id });
    const [audit] = await h.dataSource.query(
      "SELECT after->>'note' AS note FROM audit_log WHERE entity_id = $1 AND after->>'reason' = 'RELEASE' ORDER BY id LIMIT 1",
      [c.id],
    );
    expect(audit.note).toBe('客户暂无需求');
  });

  it("does not let a rep release someone else's customer or one already in the pool", async () => {
    const { manager, reps } = await seedTeam(h, 2);
    const c = await aCustomer(h, reps[0]);
    expect((await release(reps[1], c.id)).userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const pool = await poolCustomer(manager);
    expect((await release(manager, pool.id)).userErrors.map((e) => e.code)).toEqual(['CONFLICT']);
    expect(
      await errorCode(
        h,
        aViewer({ roles: ['EXECUTIVE'] }),
        'mutation($i: ClaimCustomerInput!) { claimCustomer(input: $i) { customer { id } } }',
        { i: { customerId: pool.id } },
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('pool settings', () => {
  it('lets a manager set their own teams, an admin the default, and validates the numbers', async () => {
    const { manager, teamId } = await seedTeam(h, 0);
    const other = await seedTeam(h, 0);
    expect(
      (await setRules(manager, { teamId: other.teamId, followUpDays: 10 })).userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['FORBIDDEN']);
    expect((await setRules(manager, { followUpDays: 10 })).userErrors.map((e) => e.code)).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      (await setRules(manager, { teamId, followUpDays: 0, claimLimit: -1 })).userErrors.map((e) => [
        e.field?.join('.'),
        e.code,
      ]),
    ).toEqual([
      ['input.followUpDays', 'INVALID'],
      ['input.claimLimit', 'INVALID'],
    ]);
    const set = await setRules(manager, { teamId, followUpDays: 14 });
    const defaults = await query<{ poolSettings: { followUpDays: number; claimLimit: number } }>(
      h,
      manager,
      '{ poolSettings { followUpDays claimLimit } }',
    );
    expect(set.settings).toEqual({
      teamId,
      followUpDays: 14,
      ...{ claimLimit: defaults.poolSettings.claimLimit },
      coolingOffDays: expect.any(Number),
    });
    const team = await query<{ poolSettings: { followUpDays: number } }>(
      h,
      aViewer(),
      'query($t: ID) { poolSettings(teamId: $t) { followUpDays } }',
      { t: teamId },
    );
    expect(team.poolSettings.followUpDays).toBe(14);
    const admin = aViewer({ roles: ['ADMIN'] });
    const current = defaults.poolSettings.claimLimit;
    expect((await setRules(admin, { claimLimit: current })).settings).toMatchObject({
      teamId: null,
      claimLimit: current,
    });
    expect(
      await errorCode(
        h,
        aViewer(),
        'mutation($i: SetPoolSettingsInput!) { setPoolSettings(input: $i) { settings { teamId } } }',
        { i: { teamId, followUpDays: 3 } },
      ),
    ).toBe('FORBIDDEN');
  });
});
