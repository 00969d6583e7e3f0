import { createOutboxRelay, type OutboxRelay } from '@crm/events';
import {
  aViewer,
  eventually,
  graphql,
  graphqlOk,
  kcatRead,
  testDatabaseUrl,
  testKafka,
  testLogger,
  unique,
} from '@crm/testing';
import { startCustomerService, type Harness } from './harness';
import { anAgent, anOpenTicket, mutation } from './ticket-api';

let h: Harness;
let relay: OutboxRelay | undefined;
beforeAll(async () => {
  h = await startCustomerService();
});
afterAll(async () => {
  await relay?.stop();
  await h.stop();
});

const FLAG = `mutation($input: FlagTicketFeedbackInput!) {
  flagTicketFeedback(input: $input) { ticket { id } feedbackId userErrors { field code message } }
}`;

interface Flagged {
  ticket: { id: string } | null;
  feedbackId: string | null;
}

describe('an agent flags a ticket as feedback for product', () => {
  it("publishes feedback.captured with the customer's words, linked to the ticket, through Kafka", async () => {
    const agent = anAgent();
    const token = await h.tokenFor(agent);
    const subject = unique('Cannot export invoices');
    const ticket = await anOpenTicket(h, token, { subject });
    const words = '我们需要把发票导出成 Excel，每个月都要手工复制。';
    const result = await mutation<Flagged>(h, 'flagTicketFeedback', FLAG, token, {
      ticketId: ticket.id,
      kind: 'FEATURE_REQUEST',
      text: `  ${words} `,
    });
    expect(result.userErrors).toEqual([]);
    expect(result.ticket).toEqual({ id: ticket.id });
    const feedbackId = result.feedbackId!;
    const audit = await h.dataSource.query(
      "SELECT actor_id, after FROM audit_log WHERE entity_id = $1 AND action = 'ticket.flag_feedback'",
      [ticket.id],
    );
    expect(audit).toEqual([
      {
        actor_id: agent.id,
        after: { feedbackId, kind: 'FEATURE_REQUEST', title: subject, length: words.length },
      },
    ]);

    // the ticket shows what was flagged on it, in one statement for many tickets
    const other = await anOpenTicket(h, token);
    const shown = await graphqlOk<{
      a: { feedbackFlags: unknown[] };
      b: { feedbackFlags: unknown[] };
    }>(h.app, {
      query: `query($a: ID!, $b: ID!) {
        a: ticket(id: $a) { feedbackFlags { id kind title text flaggedBy { id } flaggedAt } }
        b: ticket(id: $b) { feedbackFlags { id } } }`,
      variables: { a: ticket.id, b: other.id },
      token,
    });
    expect(shown).toEqual({
      a: {
        feedbackFlags: [
          {
            id: feedbackId,
            kind: 'FEATURE_REQUEST',
            title: subject,
            text: words,
            flaggedBy: { id: agent.id },
            flaggedAt: expect.any(String),
          },
        ],
      },
      b: { feedbackFlags: [] },
    });

    relay = createOutboxRelay({
      service: 'customer-service',
      databaseUrl: testDatabaseUrl('customer-service'),
      kafka: testKafka(),
      logger: testLogger('customer-service-relay'),
    });
    relay.start();
    const record = await eventually(
      () => {
        const found = kcatRead('crm.customer-service.feedback.v1').filter(
          (r) => r.headers.ce_subject === ticket.id,
        );
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(record.key).toBe(ticket.customerId);
    expect(record.headers.ce_type).toBe('crm.customer-service.feedback.captured.v1');
    expect(JSON.parse(record.payload!)).toMatchObject({
      feedbackId,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      kind: 'FEATURE_REQUEST',
      title: subject,
      text: words,
      capturedBy: agent.id,
    });
  });

  it('names every bad field, refuses roles that do not work tickets and writes nothing', async () => {
    const token = await h.tokenFor(anAgent());
    const ticket = await anOpenTicket(h, token);
    const count = () =>
      h.dataSource.query(
        'SELECT (SELECT count(*) FROM ticket_feedback)::int AS f, (SELECT count(*) FROM outbox)::int AS o',
      );
    const before = await count();
    const bad = await mutation<Flagged>(h, 'flagTicketFeedback', FLAG, token, {
      ticketId: ticket.id,
      kind: 'BUG',
      text: '   ',
      title: 'x'.repeat(201),
    });
    expect(bad.feedbackId).toBeNull();
    expect(bad.userErrors.map((e) => [e.field?.join('.'), e.code, e.message])).toEqual([
      ['input.text', 'REQUIRED', 'text: is required'],
      ['input.title', 'INVALID', 'title: must be at most 200 characters'],
    ]);
    const unknown = await mutation<Flagged>(h, 'flagTicketFeedback', FLAG, token, {
      ticketId: '0190f0f0-0000-7000-8000-000000000000',
      kind: 'BUG',
      text: 'It crashes',
    });
    expect(unknown.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.ticketId', 'NOT_FOUND'],
    ]);
    const rep = await graphql(h.app, {
      query: FLAG,
      variables: { input: { ticketId: ticket.id, kind: 'BUG', text: 'It crashes' } },
      token: await h.tokenFor(aViewer({ roles: ['SALES_REP'] })),
    });
    expect(rep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toEqual(before);
  });
});
