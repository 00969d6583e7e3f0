import { newId } from '@crm/database';
import { feedbackCaptured, opportunityLost, type EventData } from '@crm/events';
import {
  aCustomerSnapshot,
  aViewer,
  eventually,
  graphqlOk,
  knownCustomers,
  produceEvent,
} from '@crm/testing';
import { aFeatureRequest, anIdea, ideaMutate, link, mutate } from './graph';
import { startWithProductManager, type Harness } from './harness';
import { aLostDeal } from './opportunities';

let h: Harness;
let pm: string;
beforeAll(async () => ({ h, pm } = await startWithProductManager()));
afterAll(() => h.stop());

const ITEM = `query($id: ID!) { feedbackItem(id: $id) {
  id kind title body source origin status customer { id } createdBy { id }
  ticket { id } opportunity { id } campaign { id }
} }`;

async function item(id: string) {
  const data = await graphqlOk<{ feedbackItem: Record<string, unknown> | null }>(h.app, {
    query: ITEM,
    variables: { id },
    token: pm,
  });
  return data.feedbackItem;
}

const itemsFrom = (originId: string) =>
  h.dataSource.query('SELECT id FROM feedback_items WHERE origin_id = $1', [originId]);

function aFlag(customerId: string): EventData<typeof feedbackCaptured> {
  return {
    feedbackId: newId(),
    ticketId: newId(),
    customerId,
    kind: 'FEATURE_REQUEST',
    title: 'Invoices cannot be exported',
    text: '我们需要把发票导出成 Excel。\nEvery month we copy them by hand.',
    capturedBy: newId(),
    capturedAt: new Date().toISOString(),
    occurredAt: new Date().toISOString(),
  };
}

describe('feedback captured in other departments', () => {
  it("takes a flagged ticket in once, with the customer's words and a link back to the ticket", async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const flag = aFlag(customerId);
    const eventId = produceEvent(feedbackCaptured, flag, { actorId: flag.capturedBy });
    // delivered again with the same id, and re-published with a new one: still one item
    produceEvent(feedbackCaptured, flag, { id: eventId });
    produceEvent(feedbackCaptured, flag);
    await eventually(async () => expect(await item(flag.feedbackId)).not.toBeNull());
    expect(await item(flag.feedbackId)).toEqual({
      id: flag.feedbackId,
      kind: 'FEATURE_REQUEST',
      title: flag.title,
      body: flag.text,
      source: 'SERVICE',
      origin: 'TICKET',
      status: 'NEW',
      customer: { id: customerId },
      createdBy: { id: flag.capturedBy },
      ticket: { id: flag.ticketId },
      opportunity: null,
      campaign: null,
    });
    // the consumer handles a partition in order: once a later event of this customer is in, so are these
    const later = aFlag(customerId);
    produceEvent(feedbackCaptured, later);
    await eventually(async () => expect(await itemsFrom(later.ticketId)).toHaveLength(1));
    expect(await itemsFrom(flag.ticketId)).toEqual([{ id: flag.feedbackId }]);
    const recorded = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.product-feedback.feedback.recorded.v1'",
      [flag.feedbackId],
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0].payload).toMatchObject({ origin: 'TICKET', originId: flag.ticketId });
    const audit = await h.dataSource.query(
      'SELECT action, actor_id FROM audit_log WHERE entity_id = $1',
      [flag.feedbackId],
    );
    expect(audit).toEqual([{ action: 'feedback.capture', actor_id: flag.capturedBy }]);
  });

  it('turns a deal lost for a missing feature into one feature request linked to the deal; other losses into none', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const plain = aLostDeal(customerId, null);
    const cited = aLostDeal(customerId, 'No export of invoices to Excel\nthey need it monthly');
    const rep = newId();
    produceEvent(opportunityLost, plain, { actorId: rep });
    produceEvent(opportunityLost, cited, { actorId: rep });
    produceEvent(opportunityLost, cited, { actorId: rep });
    await eventually(async () => expect(await itemsFrom(cited.opportunityId)).toHaveLength(1));
    const [{ id }] = await itemsFrom(cited.opportunityId);
    expect(await item(id)).toMatchObject({
      kind: 'FEATURE_REQUEST',
      title: 'No export of invoices to Excel',
      body: cited.missingFeature,
      source: 'SALES',
      origin: 'OPPORTUNITY',
      createdBy: { id: rep },
      opportunity: { id: cited.opportunityId },
      ticket: null,
    });
    expect(await itemsFrom(plain.opportunityId)).toEqual([]);
    // a later event of the same customer is in: the duplicate delivery was handled too
    const later = aLostDeal(customerId, 'SSO');
    produceEvent(opportunityLost, later, { actorId: rep });
    await eventually(async () => expect(await itemsFrom(later.opportunityId)).toHaveLength(1));
    expect(await itemsFrom(cited.opportunityId)).toHaveLength(1);
  });

  it('lets marketing record what it heard in a campaign, linked to the campaign', async () => {
    const [customerId] = await knownCustomers(h.dataSource, aCustomerSnapshot());
    const marketer = await h.tokenFor(aViewer({ roles: ['MARKETER'] }));
    const campaignId = newId();
    const result = await mutate<{ feedbackItem: { id: string } | null }>(
      h,
      'recordFeedback',
      `mutation($input: RecordFeedbackInput!) {
        recordFeedback(input: $input) { feedbackItem { id } userErrors { field code message } } }`,
      marketer,
      {
        customerId,
        kind: 'FEATURE_REQUEST',
        title: 'Asked at the webinar for a WeChat mini program',
        campaignId,
      },
    );
    expect(result.userErrors).toEqual([]);
    expect(await item(result.feedbackItem!.id)).toMatchObject({
      source: 'OTHER',
      origin: 'CAMPAIGN',
      campaign: { id: campaignId },
    });
    const bad = await mutate(
      h,
      'recordFeedback',
      `mutation($input: RecordFeedbackInput!) {
        recordFeedback(input: $input) { feedbackItem { id } userErrors { field code message } } }`,
      marketer,
      { customerId, kind: 'BUG', title: 'x', campaignId: 'campaign-7' },
    );
    expect(bad.userErrors.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.campaignId', 'INVALID'],
    ]);
  });

  it('lists the ticket a shipped idea was asked for on, per requester', async () => {
    const [a, b] = await knownCustomers(h.dataSource, aCustomerSnapshot(), aCustomerSnapshot());
    const flag = aFlag(a);
    produceEvent(feedbackCaptured, flag);
    await eventually(async () => expect(await item(flag.feedbackId)).not.toBeNull());
    const direct = await aFeatureRequest(h, b, pm);
    const idea = await anIdea(h, pm);
    await link(h, pm, idea.id, [flag.feedbackId, direct]);
    for (const status of ['PLANNED', 'IN_PROGRESS', 'SHIPPED'])
      await ideaMutate(h, 'changeIdeaStatus', 'ChangeIdeaStatusInput', pm, {
        ideaId: idea.id,
        status,
      });
    const [event] = await h.dataSource.query(
      "SELECT payload FROM outbox WHERE subject = $1 AND type = 'crm.product-feedback.idea.shipped.v1'",
      [idea.id],
    );
    const byCustomer = Object.fromEntries(
      event.payload.requesters.map((r: { customerId: string; ticketIds: string[] }) => [
        r.customerId,
        r.ticketIds,
      ]),
    );
    expect(byCustomer).toEqual({ [a]: [flag.ticketId], [b]: [] });
  });
});
