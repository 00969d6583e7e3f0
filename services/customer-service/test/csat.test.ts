import { graphqlOk } from '@crm/testing';
import request from 'supertest';
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
const SURVEY = `query($id: ID!) { ticket(id: $id) { survey { link expiresAt answeredAt score reason comment } } }`;

interface SurveyView {
  link: string;
  expiresAt: string;
  answeredAt: string | null;
  score: number | null;
  reason: string | null;
  comment: string | null;
}

async function surveyOf(id: string, token: string): Promise<SurveyView | null> {
  return (
    await graphqlOk<{ ticket: { survey: SurveyView | null } }>(h.app, {
      query: SURVEY,
      variables: { id },
      token,
    })
  ).ticket.survey;
}

/** A resolved ticket and the link of its survey. */
async function aResolvedTicket() {
  const token = await h.tokenFor(anAgent());
  const { id, customerId } = await anOpenTicket(h, token);
  expect(await surveyOf(id, token)).toBeNull();
  const moved = await mutation(h, 'changeTicketStatus', STATUS, token, {
    ticketId: id,
    status: 'RESOLVED',
  });
  expect(moved.userErrors).toEqual([]);
  const survey = (await surveyOf(id, token))!;
  return { id, customerId, token, survey };
}

describe('satisfaction surveys', () => {
  it('opens a survey on resolution whose unguessable link takes one answer and publishes ticket.csat_received', async () => {
    const { id, customerId, token, survey } = await aResolvedTicket();
    expect(survey.link).toMatch(/^\/csat\/[A-Za-z0-9_-]{32}$/);
    const days = (Date.parse(survey.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const answer = await request(h.app)
      .post(survey.link)
      .send({ score: 2, reason: 'RESPONSE_TIME', comment: ' Took three days. ' });
    expect(answer.status).toBe(201);
    expect(await surveyOf(id, token)).toMatchObject({
      score: 2,
      reason: 'RESPONSE_TIME',
      comment: 'Took three days.',
    });
    const [event] = await h.dataSource.query(
      "SELECT key, payload FROM outbox WHERE subject = $1 AND type = 'crm.customer-service.ticket.csat_received.v1'",
      [id],
    );
    expect(event.key).toBe(customerId);
    expect(event.payload).toMatchObject({ ticketId: id, customerId, score: 2, hasComment: true });
    expect(event.payload).not.toHaveProperty('comment');

    const again = await request(h.app).post(survey.link).send({ score: 5 });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].code).toBe('ALREADY_ANSWERED');
    expect((await surveyOf(id, token))!.score).toBe(2);
  });

  it('answers 422 with an error per bad field and keeps the survey open', async () => {
    const { id, token, survey } = await aResolvedTicket();
    const bad = await request(h.app)
      .post(survey.link)
      .send({ score: 9, reason: 'BORED', comment: 'x'.repeat(2001) });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'score', code: 'INVALID', message: 'score: must be from 1 to 5' },
      {
        field: 'reason',
        code: 'INVALID',
        message:
          'reason: must be one of RESPONSE_TIME, RESOLUTION_QUALITY, AGENT_ATTITUDE, PRODUCT, OTHER',
      },
      { field: 'comment', code: 'INVALID', message: 'comment: must be at most 2000 characters' },
    ]);
    const missing = await request(h.app).post(survey.link).send({ comment: 'fine' });
    expect(missing.body.errors).toEqual([
      { field: 'score', code: 'REQUIRED', message: 'score: is required' },
    ]);
    expect((await surveyOf(id, token))!.answeredAt).toBeNull();
    const form = await request(h.app).post(survey.link).type('form').send({ score: '4' });
    expect(form.status).toBe(201);
  });

  it('refuses an expired survey with 410 and an unknown link with 404', async () => {
    const { id, survey } = await aResolvedTicket();
    await h.dataSource.query(
      "UPDATE csat_surveys SET expires_at = now() - interval '1 second' WHERE ticket_id = $1",
      [id],
    );
    expect((await request(h.app).post(survey.link).send({ score: 3 })).status).toBe(410);
    const unknown = await request(h.app)
      .post(`/csat/${'A'.repeat(32)}`)
      .send({ score: 3 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].code).toBe('NOT_FOUND');
    expect((await request(h.app).post('/csat/short').send({ score: 3 })).status).toBe(404);
  });
});
