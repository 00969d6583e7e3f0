import { newId } from '@crm/database';
import { aCustomerSnapshot, graphqlOk, knownCustomers, testLogger } from '@crm/testing';
import { createDeskScheduler } from '../src/events/desk-scheduler';
import { aPerson, knownDirectory } from './directory-api';
import { startCustomerService, type Harness } from './harness';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await h.stop();
});

const STATUS = `mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { userErrors { field code message } } }`;
const RESULT = `mutation($input: RecordVisitResultInput!) {
  recordVisitResult(input: $input) {
    visit { id status result notes doneBy { id } ticket { id status } }
    userErrors { field code message }
  }
}`;
const VISITS = `query($id: ID!) {
  ticket(id: $id) { status visits { id dueAt status remindedAt assignee { id } customer { id } } }
}`;

interface VisitView {
  id: string;
  dueAt: string;
  status: string;
  remindedAt: string | null;
  assignee: { id: string } | null;
}

async function visitsOf(id: string, token: string) {
  return (
    await graphqlOk<{ ticket: { status: string; visits: VisitView[] } }>(h.app, {
      query: VISITS,
      variables: { id },
      token,
    })
  ).ticket;
}

/** A ticket of a customer of `tier`, assigned to an agent the directory knows, then resolved. */
async function aResolvedTicket(tier: 'KEY' | 'C') {
  const person = aPerson();
  await knownDirectory(h, null, person);
  const agent = { ...anAgent(), id: person.employeeId };
  const token = await h.tokenFor(agent);
  const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot({ tier }));
  const { id } = await anOpenTicket(h, token, { customerId, assigneeId: agent.id });
  const resolved = await mutation(h, 'changeTicketStatus', STATUS, token, {
    ticketId: id,
    status: 'RESOLVED',
  });
  expect(resolved.userErrors).toEqual([]);
  const [{ resolved_at: resolvedAt }] = await h.dataSource.query(
    'SELECT resolved_at FROM tickets WHERE id = $1',
    [id],
  );
  return { id, agent, token, resolvedAt: resolvedAt as Date };
}

describe('follow-up visits', () => {
  it("schedules a visit after the tier's delay for the assignee and reminds them when it is due", async () => {
    const { id, agent, token, resolvedAt } = await aResolvedTicket('KEY');
    const [visit] = (await visitsOf(id, token)).visits;
    expect(visit).toMatchObject({
      status: 'SCHEDULED',
      remindedAt: null,
      assignee: { id: agent.id },
    });
    expect(Date.parse(visit.dueAt) - resolvedAt.getTime()).toBe(24 * 3_600_000);
    const slower = await aResolvedTicket('C');
    const [later] = (await visitsOf(slower.id, slower.token)).visits;
    expect(Date.parse(later.dueAt) - slower.resolvedAt.getTime()).toBe(120 * 3_600_000);

    const scheduler = createDeskScheduler({ dataSource: h.dataSource, logger: testLogger() });
    await scheduler.runDue();
    expect((await visitsOf(id, token)).visits[0].remindedAt).toBeNull();
    await h.dataSource.query(
      "UPDATE follow_up_visits SET due_at = now() - interval '1 minute' WHERE id = $1",
      [visit.id],
    );
    await h.dataSource.query(
      "UPDATE scheduled_jobs SET due_at = now() - interval '1 minute' WHERE kind = 'visit.reminder' AND key = $1",
      [visit.id],
    );
    await scheduler.runDue();
    expect((await visitsOf(id, token)).visits[0].remindedAt).not.toBeNull();
  });

  it('reopens the ticket when the customer is not satisfied, and takes one result only', async () => {
    const { id, agent, token } = await aResolvedTicket('KEY');
    const [visit] = (await visitsOf(id, token)).visits;
    const result = await mutation<{ visit: Record<string, unknown> }>(
      h,
      'recordVisitResult',
      RESULT,
      token,
      {
        visitId: visit.id,
        result: 'NOT_SATISFIED',
        notes: '  Printer still jams.  ',
      },
    );
    expect(result).toEqual({
      visit: {
        id: visit.id,
        status: 'DONE',
        result: 'NOT_SATISFIED',
        notes: 'Printer still jams.',
        doneBy: { id: agent.id },
        ticket: { id, status: 'OPEN' },
      },
      userErrors: [],
    });
    const [event] = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.customer-service.ticket.status_changed.v1' ORDER BY seq DESC LIMIT 1",
      [id],
    );
    expect(event.payload).toMatchObject({
      status: 'OPEN',
      previousStatus: 'RESOLVED',
      resolvedAt: null,
    });
    const again = await mutation(h, 'recordVisitResult', RESULT, token, {
      visitId: visit.id,
      result: 'SATISFIED',
    });
    expect(again.userErrors).toEqual([
      {
        field: ['input', 'visitId'],
        code: 'CONFLICT',
        message: 'visitId: the visit already has its result',
      },
    ]);
  });

  it('leaves the ticket resolved when the customer is satisfied or unreachable, and reports an unknown visit', async () => {
    const { id, token } = await aResolvedTicket('C');
    const [visit] = (await visitsOf(id, token)).visits;
    const result = await mutation(h, 'recordVisitResult', RESULT, token, {
      visitId: visit.id,
      result: 'UNREACHABLE',
    });
    expect(result.userErrors).toEqual([]);
    expect((await visitsOf(id, token)).status).toBe('RESOLVED');
    const missing = newId();
    const unknown = await mutation(h, 'recordVisitResult', RESULT, token, {
      visitId: missing,
      result: 'SATISFIED',
    });
    expect(unknown.userErrors).toEqual([
      { field: ['input', 'visitId'], code: 'NOT_FOUND', message: `visitId: no visit ${missing}` },
    ]);
  });
});
