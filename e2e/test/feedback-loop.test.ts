import { eventually, unique } from '@crm/testing';
import { asGateway, createCustomer, login } from './clients';

type Payload = { userErrors: unknown[] };

const OPEN_TICKET = `mutation($input: OpenTicketInput!) {
  openTicket(input: $input) { ticket { id } userErrors { field code message } }
}`;
const FLAG = `mutation($input: FlagTicketFeedbackInput!) {
  flagTicketFeedback(input: $input) { feedbackId userErrors { field code message } }
}`;
const RECORD = `mutation($input: RecordFeedbackInput!) {
  recordFeedback(input: $input) { feedbackItem { id } userErrors { field code message } }
}`;
const CREATE_DEAL = `mutation($input: CreateOpportunityInput!) {
  createOpportunity(input: $input) { opportunity { id } userErrors { field code message } }
}`;
const LOSE_DEAL = `mutation($input: CloseOpportunityInput!) {
  markOpportunityLost(input: $input) { opportunity { status } userErrors { field code message } }
}`;
const FEEDBACK = `query($customerId: ID!) {
  feedbackItems(first: 10, filter: { customerId: $customerId }) {
    nodes { id kind body origin ticket { id subject } opportunity { id name } }
  }
}`;
const CREATE_IDEA = `mutation($input: CreateIdeaInput!) {
  createIdea(input: $input) { idea { id } userErrors { field code message } }
}`;
const LINK = `mutation($input: IdeaFeedbackInput!) {
  linkFeedbackToIdea(input: $input) { idea { id } userErrors { field code message } }
}`;
const STATUS = `mutation($input: ChangeIdeaStatusInput!) {
  changeIdeaStatus(input: $input) { idea { status } userErrors { field code message } }
}`;
const RANKING = `{ ideaRanking(first: 100) { ideas {
  idea { id } customerCount customers { customer { id } feedbackCount }
  lostDeals { opportunity { id } feedback { id body } customer { id } amount { amount currency } }
} } }`;
const OWNER_VIEW = `query($id: ID!) { customer(id: $id) { openTasks { title assignee { id } } } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { status feedbackFlags { id } messages { kind body } } }`;
const TAGS = `query($id: ID!) { customer(id: $id) { marketingTags } }`;

interface FeedbackView {
  id: string;
  kind: string;
  body: string | null;
  origin: string;
  ticket: { id: string; subject: string } | null;
  opportunity: { id: string; name: string } | null;
}

describe('feedback from every department reaches product, and every requester hears when it ships', () => {
  it('a flagged ticket, a rep note and a lost deal become one idea; shipping it tasks the owners, answers the ticket and tags the customers', async () => {
    const [rep1, rep2, agent, pm, marketer] = await Promise.all(
      [
        'rep.east1@demo.crm',
        'rep.east2@demo.crm',
        'agent@demo.crm',
        'pm@demo.crm',
        'marketer@demo.crm',
      ].map(login),
    );
    const a = await createCustomer(rep1.token, { tier: 'KEY' });
    const b = await createCustomer(rep2.token);

    // customer service: an agent flags A's ticket as a feature request, in the customer's words
    const subject = unique('发票导出');
    const words = '每个月都要把发票一张张复制到 Excel，能不能直接导出？';
    const ticket = await eventually(async () => {
      const data = await asGateway<{ openTicket: Payload & { ticket: { id: string } | null } }>(
        OPEN_TICKET,
        agent.token,
        { input: { customerId: a.id, subject, channel: 'PHONE', assigneeId: agent.id } },
      );
      expect(data.openTicket.userErrors).toEqual([]);
      return data.openTicket.ticket!;
    });
    const flagged = await asGateway<{ flagTicketFeedback: Payload & { feedbackId: string } }>(
      FLAG,
      agent.token,
      { input: { ticketId: ticket.id, kind: 'FEATURE_REQUEST', text: words } },
    );
    expect(flagged.flagTicketFeedback.userErrors).toEqual([]);

    // sales: B's rep records the need directly, then loses a deal of B for want of it
    const recorded = await eventually(async () => {
      const data = await asGateway<{ recordFeedback: Payload & { feedbackItem: { id: string } } }>(
        RECORD,
        rep2.token,
        { input: { customerId: b.id, kind: 'FEATURE_REQUEST', title: 'Export invoices' } },
      );
      expect(data.recordFeedback.userErrors).toEqual([]);
      return data.recordFeedback.feedbackItem;
    });
    const dealName = unique('工厂上线');
    const deal = await asGateway<{ createOpportunity: Payload & { opportunity: { id: string } } }>(
      CREATE_DEAL,
      rep2.token,
      { input: { customerId: b.id, name: dealName, amount: { amount: '480000.00' } } },
    );
    expect(deal.createOpportunity.userErrors).toEqual([]);
    const dealId = deal.createOpportunity.opportunity.id;
    const lost = await asGateway<{ markOpportunityLost: Payload }>(LOSE_DEAL, rep2.token, {
      input: {
        id: dealId,
        reason: 'Chose a competitor',
        missingFeature: 'Excel export of invoices',
      },
    });
    expect(lost.markOpportunityLost.userErrors).toEqual([]);

    // product sees all three, each linked back to where it was heard
    const feedbackOf = (customerId: string, count: number) =>
      eventually(async () => {
        const data = await asGateway<{ feedbackItems: { nodes: FeedbackView[] } }>(
          FEEDBACK,
          pm.token,
          { customerId },
        );
        expect(data.feedbackItems.nodes).toHaveLength(count);
        return data.feedbackItems.nodes;
      });
    const [fromTicket] = await feedbackOf(a.id, 1);
    expect(fromTicket).toEqual({
      id: flagged.flagTicketFeedback.feedbackId,
      kind: 'FEATURE_REQUEST',
      body: words,
      origin: 'TICKET',
      ticket: { id: ticket.id, subject },
      opportunity: null,
    });
    const ofB = await feedbackOf(b.id, 2);
    const fromDeal = ofB.find((f) => f.origin === 'OPPORTUNITY')!;
    // product reads the customer's words; the deal itself is shown to those who may see it in sales
    expect(fromDeal).toMatchObject({ body: 'Excel export of invoices', opportunity: null });
    const asOwner = await asGateway<{ feedbackItems: { nodes: FeedbackView[] } }>(
      FEEDBACK,
      rep2.token,
      { customerId: b.id },
    );
    expect(asOwner.feedbackItems.nodes.find((f) => f.id === fromDeal.id)).toMatchObject({
      opportunity: { id: dealId, name: dealName },
    });

    // the product manager links them to one idea, which ranks with the lost deal explained
    const title = unique('Excel export');
    const idea = await asGateway<{ createIdea: Payload & { idea: { id: string } } }>(
      CREATE_IDEA,
      pm.token,
      { input: { title } },
    );
    const ideaId = idea.createIdea.idea.id;
    const linked = await asGateway<{ linkFeedbackToIdea: Payload }>(LINK, pm.token, {
      input: { ideaId, feedbackIds: [fromTicket.id, recorded.id, fromDeal.id] },
    });
    expect(linked.linkFeedbackToIdea.userErrors).toEqual([]);
    // a second product manager's idea for the same need, with A's ticket again, is merged in:
    // A still counts once
    const duplicate = await asGateway<{ createIdea: Payload & { idea: { id: string } } }>(
      CREATE_IDEA,
      pm.token,
      { input: { title: unique('Export invoices to xlsx') } },
    );
    const duplicateId = duplicate.createIdea.idea.id;
    const linkedTwice = await asGateway<{ linkFeedbackToIdea: Payload }>(LINK, pm.token, {
      input: { ideaId: duplicateId, feedbackIds: [fromTicket.id] },
    });
    expect(linkedTwice.linkFeedbackToIdea.userErrors).toEqual([]);
    const merged = await asGateway<{ mergeIdeas: Payload }>(
      'mutation($input: MergeIdeasInput!) { mergeIdeas(input: $input) { idea { id } userErrors { field code message } } }',
      pm.token,
      { input: { duplicateId, intoId: ideaId } },
    );
    expect(merged.mergeIdeas.userErrors).toEqual([]);
    const ranking = await asGateway<{
      ideaRanking: {
        ideas: {
          idea: { id: string };
          customerCount: number;
          lostDeals: {
            opportunity: { id: string } | null;
            feedback: { id: string; body: string };
            customer: { id: string };
            amount: { amount: string };
          }[];
        }[];
      };
    }>(RANKING, pm.token);
    expect(ranking.ideaRanking.ideas.some((r) => r.idea.id === duplicateId)).toBe(false);
    expect(ranking.ideaRanking.ideas.find((r) => r.idea.id === ideaId)).toMatchObject({
      customerCount: 2,
      lostDeals: [
        {
          opportunity: { id: dealId },
          feedback: { id: fromDeal.id, body: 'Excel export of invoices' },
          customer: { id: b.id },
          amount: { amount: '480000.00', currency: 'CNY' },
        },
      ],
    });

    // it ships
    for (const status of ['PLANNED', 'IN_PROGRESS', 'SHIPPED']) {
      const moved = await asGateway<{ changeIdeaStatus: Payload }>(STATUS, pm.token, {
        input: { ideaId, status, reason: status === 'SHIPPED' ? 'In release 4.2' : null },
      });
      expect(moved.changeIdeaStatus.userErrors).toEqual([]);
    }

    // sales: each owner has a task to tell their customer
    const task = `Tell them it shipped: ${title}`;
    for (const [owner, customer] of [
      [rep1, a],
      [rep2, b],
    ] as const) {
      await eventually(async () => {
        const data = await asGateway<{
          customer: { openTasks: { title: string; assignee: { id: string } }[] };
        }>(OWNER_VIEW, owner.token, { id: customer.id });
        expect(data.customer.openTasks).toContainEqual({ title: task, assignee: { id: owner.id } });
      });
    }
    // customer service: the open ticket has the public reply, and stays open for the agent
    await eventually(async () => {
      const data = await asGateway<{
        ticket: {
          status: string;
          feedbackFlags: { id: string }[];
          messages: { kind: string; body: string }[];
        };
      }>(TICKET, agent.token, { id: ticket.id });
      expect(data.ticket).toEqual({
        status: 'OPEN',
        feedbackFlags: [{ id: fromTicket.id }],
        messages: [
          {
            kind: 'REPLY',
            body: `Good news: "${title}", which you asked for on this ticket, has shipped. In release 4.2`,
          },
        ],
      });
    });
    // marketing: both customers carry the tag a campaign can target
    const tag = `requested:${title.toLowerCase().replace(/\s+/g, '-')}`.slice(0, 50);
    for (const customer of [a, b]) {
      await eventually(async () => {
        const data = await asGateway<{ customer: { marketingTags: string[] } }>(
          TAGS,
          marketer.token,
          { id: customer.id },
        );
        expect(data.customer.marketingTags).toContain(tag);
      });
    }
  });
});
