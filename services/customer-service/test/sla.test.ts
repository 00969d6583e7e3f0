import { customerUpdated } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphql,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { startCustomerService, type Harness } from './harness';
import { aPolicy, SAVE_CALENDAR, SAVE_POLICY, withoutPolicies } from './sla-api';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => withoutPolicies(h));

const manager = () => aViewer({ roles: ['SERVICE_MANAGER'] });
const MINUTE = 60_000;

const SLA = `query($id: ID!) {
  ticket(id: $id) {
    createdAt
    sla {
      policy { name }
      firstResponse { target dueAt remainingSeconds breached paused metAt }
      nextResponse { target dueAt remainingSeconds breached paused metAt }
      resolution { target dueAt remainingSeconds breached paused metAt }
    }
  }
}`;

interface ClockView {
  target: string;
  dueAt: string | null;
  remainingSeconds: number;
  breached: boolean;
  paused: boolean;
  metAt: string | null;
}
interface SlaView {
  createdAt: string;
  sla: {
    policy: { name: string };
    firstResponse: ClockView | null;
    nextResponse: ClockView | null;
    resolution: ClockView | null;
  } | null;
}

async function slaOf(id: string, token: string): Promise<SlaView> {
  return (await graphqlOk<{ ticket: SlaView }>(h.app, { query: SLA, variables: { id }, token }))
    .ticket;
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function act(token: string, query: string, key: string, input: Record<string, unknown>) {
  const result = await mutation<Record<string, unknown>>(h, key, query, token, input);
  expect(result.userErrors).toEqual([]);
}
const STATUS = `mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { userErrors { field code message } } }`;
const PRIORITY = `mutation($input: ChangeTicketPriorityInput!) { changeTicketPriority(input: $input) { userErrors { field code message } } }`;
const MESSAGE = `mutation($input: AddTicketMessageInput!) { addTicketMessage(input: $input) { userErrors { field code message } } }`;

describe('configuring SLA policies and calendars', () => {
  it('saves a business calendar in the default time zone and a policy that uses it', async () => {
    const token = await h.tokenFor(manager());
    const calendar = await mutation<{ calendar: { id: string } & Record<string, unknown> }>(
      h,
      'saveBusinessCalendar',
      SAVE_CALENDAR,
      token,
      {
        name: `Office ${Date.now()}`,
        hours: [
          { weekday: 'TUESDAY', start: '09:00', end: '18:00' },
          { weekday: 'MONDAY', start: '13:00', end: '18:00' },
          { weekday: 'MONDAY', start: '09:00', end: '12:00' },
        ],
        holidays: ['2026-10-01', '2026-10-01', '2026-01-01'],
      },
    );
    expect(calendar.userErrors).toEqual([]);
    expect(calendar.calendar).toMatchObject({
      timeZone: 'Asia/Shanghai',
      hours: [
        { weekday: 'MONDAY', start: '09:00', end: '12:00' },
        { weekday: 'MONDAY', start: '13:00', end: '18:00' },
        { weekday: 'TUESDAY', start: '09:00', end: '18:00' },
      ],
      holidays: ['2026-01-01', '2026-10-01'],
    });
    const policy = await mutation<{ policy: Record<string, unknown> }>(
      h,
      'saveSlaPolicy',
      SAVE_POLICY,
      token,
      {
        name: 'Key accounts',
        position: 1,
        tiers: ['KEY'],
        calendarId: calendar.calendar.id,
        firstResponseMinutes: 30,
        resolutionMinutes: 480,
      },
    );
    expect(policy).toMatchObject({
      policy: {
        tiers: ['KEY'],
        priorities: [],
        calendar: { id: calendar.calendar.id },
        nextResponseMinutes: null,
        warningPercent: 80,
      },
      userErrors: [],
    });
    const audit = await h.dataSource.query(
      'SELECT action FROM audit_log WHERE entity_id = ANY($1) ORDER BY at',
      [[calendar.calendar.id, (policy.policy as { id: string }).id]],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'business_calendar.save',
      'sla_policy.save',
    ]);
  });

  it('reports every bad calendar field with its path and saves nothing', async () => {
    const token = await h.tokenFor(manager());
    const name = `Broken ${Date.now()}`;
    const result = await mutation<{ calendar: null }>(
      h,
      'saveBusinessCalendar',
      SAVE_CALENDAR,
      token,
      {
        name,
        timeZone: 'Mars/Olympus',
        hours: [
          { weekday: 'MONDAY', start: '18:00', end: '09:00' },
          { weekday: 'FRIDAY', start: '9am', end: '17:00' },
          { weekday: 'SUNDAY', start: '10:00', end: '16:00' },
          { weekday: 'SUNDAY', start: '15:00', end: '17:00' },
        ],
        holidays: ['2026-02-30'],
      },
    );
    expect(result.userErrors.map((e) => [e.field?.join('.'), e.message])).toEqual([
      ['input.timeZone', 'timeZone: must be an IANA time zone such as Asia/Shanghai'],
      ['input.hours.1.start', 'hours.1.start: must be a time of day such as 09:00 or 18:30'],
      ['input.holidays.0', 'holidays.0: is not a calendar date'],
      ['input.hours.0.end', 'hours.0.end: must be after start'],
      ['input.hours.3', 'hours.3: overlaps hours.2 on SUNDAY'],
    ]);
    expect(
      await h.dataSource.query('SELECT 1 FROM business_calendars WHERE name = $1', [name]),
    ).toEqual([]);
  });

  it('refuses a policy without targets or with an unknown calendar, and an agent may not configure', async () => {
    const token = await h.tokenFor(manager());
    const missing = aCustomerSnapshot().customerId;
    const result = await mutation<{ policy: null }>(h, 'saveSlaPolicy', SAVE_POLICY, token, {
      name: 'Empty',
      position: 0,
    });
    expect(result.userErrors).toEqual([
      {
        field: ['input'],
        code: 'INVALID',
        message:
          'input: a policy needs at least one target (firstResponseMinutes, nextResponseMinutes or resolutionMinutes)',
      },
    ]);
    const unknown = await mutation<{ policy: null }>(h, 'saveSlaPolicy', SAVE_POLICY, token, {
      name: 'Lost',
      position: 0,
      calendarId: missing,
      resolutionMinutes: 60,
    });
    expect(unknown.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.calendarId', 'NOT_FOUND'],
    ]);
    const res = await graphql(h.app, {
      query: SAVE_POLICY,
      variables: { input: { name: 'Mine', position: 0, resolutionMinutes: 60 } },
      token: await h.tokenFor(anAgent()),
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await h.dataSource.query('SELECT 1 FROM sla_policies')).toEqual([]);
  });
});

describe("a ticket's SLA", () => {
  it('takes the first matching policy and shows each target due from the opening', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, { name: 'Anything', position: 9, resolutionMinutes: 999 });
    await aPolicy(h, admin, {
      name: 'Key and urgent',
      position: 2,
      tiers: ['KEY'],
      priorities: ['HIGH', 'URGENT'],
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
    });
    await aPolicy(h, admin, {
      name: 'Key, low',
      position: 1,
      tiers: ['KEY'],
      priorities: ['LOW'],
      resolutionMinutes: 5,
    });
    const token = await h.tokenFor(anAgent());
    const [key] = await knownCustomers(h.dataSource, aCustomerSnapshot({ tier: 'KEY' }));
    const { id } = await anOpenTicket(h, token, { customerId: key, priority: 'URGENT' });
    const seen = await slaOf(id, token);
    expect(seen.sla!.policy.name).toBe('Key and urgent');
    expect(seen.sla!.firstResponse).toMatchObject({
      target: 'FIRST_RESPONSE',
      dueAt: plus(seen.createdAt, 30 * MINUTE),
      breached: false,
      paused: false,
      metAt: null,
    });
    expect(seen.sla!.firstResponse!.remainingSeconds).toBeGreaterThan(29 * 60);
    expect(seen.sla!.resolution!.dueAt).toBe(plus(seen.createdAt, 240 * MINUTE));
    expect(seen.sla!.nextResponse).toBeNull();

    const [plain] = await knownCustomers(h.dataSource, aCustomerSnapshot({ tier: null }));
    const other = await anOpenTicket(h, token, { customerId: plain });
    expect((await slaOf(other.id, token)).sla!.policy.name).toBe('Anything');
  });

  it('meets the first response with the first public reply and pauses while the ticket is PENDING', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, {
      name: 'All',
      position: 0,
      firstResponseMinutes: 60,
      nextResponseMinutes: 20,
      resolutionMinutes: 600,
    });
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    await act(token, MESSAGE, 'addTicketMessage', { ticketId: id, kind: 'REPLY', body: 'On it.' });
    const answered = await slaOf(id, token);
    expect(answered.sla!.firstResponse).toMatchObject({
      dueAt: null,
      breached: false,
      paused: false,
    });
    expect(answered.sla!.firstResponse!.metAt).not.toBeNull();
    expect(answered.sla!.nextResponse).toBeNull();

    await act(token, MESSAGE, 'addTicketMessage', {
      ticketId: id,
      kind: 'CUSTOMER',
      body: 'Any news?',
    });
    const waiting = await slaOf(id, token);
    expect(waiting.sla!.nextResponse).toMatchObject({ breached: false, metAt: null });
    expect(waiting.sla!.nextResponse!.remainingSeconds).toBeLessThanOrEqual(20 * 60);

    await act(token, STATUS, 'changeTicketStatus', { ticketId: id, status: 'PENDING' });
    const pending = await slaOf(id, token);
    expect(pending.sla!.resolution).toMatchObject({ dueAt: null, paused: true });
    const left = pending.sla!.resolution!.remainingSeconds;
    await eventually(async () => {
      expect((await slaOf(id, token)).sla!.resolution!.remainingSeconds).toBe(left);
      const [{ waited }] = await h.dataSource.query(
        "SELECT now() - max(at) > interval '1 second' AS waited FROM audit_log WHERE entity_id = $1",
        [id],
      );
      expect(waited).toBe(true);
    });
    await act(token, STATUS, 'changeTicketStatus', { ticketId: id, status: 'OPEN' });
    const resumed = await slaOf(id, token);
    // the resolution is due later by the time the ticket waited on the customer
    expect(Date.parse(resumed.sla!.resolution!.dueAt!)).toBeGreaterThan(
      Date.parse(plus(resumed.createdAt, 600 * MINUTE)) + 1000,
    );
    await act(token, MESSAGE, 'addTicketMessage', { ticketId: id, kind: 'REPLY', body: 'Fixed.' });
    expect((await slaOf(id, token)).sla!.nextResponse!.metAt).not.toBeNull();
  });

  it('picks the policy again when the priority changes, keeping the time already counted', async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, {
      name: 'Urgent',
      position: 0,
      priorities: ['URGENT'],
      resolutionMinutes: 60,
    });
    await aPolicy(h, admin, { name: 'Normal', position: 1, resolutionMinutes: 600 });
    const token = await h.tokenFor(anAgent());
    const { id } = await anOpenTicket(h, token);
    expect((await slaOf(id, token)).sla!.policy.name).toBe('Normal');
    await act(token, PRIORITY, 'changeTicketPriority', { ticketId: id, priority: 'URGENT' });
    const urgent = await slaOf(id, token);
    expect(urgent.sla!.policy.name).toBe('Urgent');
    expect(urgent.sla!.resolution!.dueAt).toBe(plus(urgent.createdAt, 60 * MINUTE));
    const [event] = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.customer-service.ticket.priority_changed.v1'",
      [id],
    );
    expect(event.payload).toMatchObject({ priority: 'URGENT', previousPriority: 'NORMAL' });
  });

  it("picks the policy again when sales changes the customer's tier, and records why", async () => {
    const admin = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    await aPolicy(h, admin, { name: 'Key', position: 0, tiers: ['KEY'], resolutionMinutes: 120 });
    await aPolicy(h, admin, { name: 'Others', position: 1, resolutionMinutes: 1440 });
    const token = await h.tokenFor(anAgent());
    const customer = aCustomerSnapshot({ tier: 'B' });
    await knownCustomers(h.dataSource, customer);
    const { id } = await anOpenTicket(h, token, { customerId: customer.customerId });
    expect((await slaOf(id, token)).sla!.policy.name).toBe('Others');

    produceEvent(customerUpdated, {
      ...customer,
      tier: 'KEY',
      version: 2,
      changedFields: ['tier'],
    });
    await eventually(async () => expect((await slaOf(id, token)).sla!.policy.name).toBe('Key'));
    const seen = await slaOf(id, token);
    expect(seen.sla!.resolution!.dueAt).toBe(plus(seen.createdAt, 120 * MINUTE));
    const [audit] = await h.dataSource.query(
      "SELECT actor_id, after->>'reason' AS reason FROM audit_log WHERE entity_id = $1 AND action = 'ticket.sla_policy_change'",
      [id],
    );
    expect(audit).toEqual({ actor_id: null, reason: 'customer tier changed from B to KEY' });
  });
});
