import { newId } from '@crm/database';
import {
  leadAssigned,
  leadContacted,
  leadConverted,
  leadDisqualified,
  leadSlaBreached,
} from '@crm/events';
import { eventually, graphqlOk, produceEvent, uniqueMobile } from '@crm/testing';
import { activeCampaign, marketer, postForm, marketingUnderTest } from './harness';

const h = marketingUnderTest({ consumers: true });

interface LeadState {
  status: string;
  assignee: { id: string } | null;
  assignedAt: string | null;
  firstContactDueAt: string | null;
  contactedAt: string | null;
  customer: { id: string } | null;
  disqualificationReason: string | null;
  slaBreaches: number;
  history: { kind: string; details: Record<string, unknown> }[];
}

async function leadState(id: string): Promise<LeadState> {
  const data = await graphqlOk<{ lead: LeadState }>(h.app, {
    query: `query($id: ID!) { lead(id: $id) {
      status assignee { id } assignedAt firstContactDueAt contactedAt customer { id } disqualificationReason slaBreaches
      history { kind details }
    } }`,
    variables: { id },
    token: await h.tokenFor(marketer()),
  });
  return data.lead;
}

/** A lead from the web form, qualified by hand (as if its score had reached the threshold). */
async function qualifiedLead(): Promise<string> {
  const campaign = await activeCampaign(h);
  const mobile = uniqueMobile();
  await postForm(h.app, campaign.formKey, { name: '刘洋', phone: mobile, consent: true });
  const [{ id }] = await h.dataSource.query('SELECT id FROM leads WHERE phone_key = $1', [
    `+86${mobile}`,
  ]);
  await graphqlOk(h.app, {
    query:
      'mutation($input: QualifyLeadInput!) { qualifyLead(input: $input) { userErrors { message } } }',
    variables: { input: { id } },
    token: await h.tokenFor(marketer()),
  });
  return id;
}

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe("a lead's life after sales takes it over", () => {
  it('follows assignment, a missed deadline, reassignment, contact and conversion', async () => {
    const leadId = await qualifiedLead();
    const [rep, backup, teamId, customerId] = [newId(), newId(), newId(), newId()];
    produceEvent(leadAssigned, {
      leadId,
      assigneeId: rep,
      teamId,
      rule: 'ROUND_ROBIN',
      dueAt: minutesFromNow(1),
      previousAssigneeId: null,
      assignedAt: minutesFromNow(0),
    });
    await eventually(async () =>
      expect(await leadState(leadId)).toMatchObject({
        status: 'HANDED_OFF',
        assignee: { id: rep },
      }),
    );
    produceEvent(leadSlaBreached, {
      leadId,
      assigneeId: rep,
      teamId,
      dueAt: minutesFromNow(1),
      breachedAt: minutesFromNow(2),
    });
    const reassignedAt = minutesFromNow(3);
    produceEvent(leadAssigned, {
      leadId,
      assigneeId: backup,
      teamId,
      rule: 'SLA_REASSIGNMENT',
      dueAt: minutesFromNow(1440),
      previousAssigneeId: rep,
      assignedAt: reassignedAt,
    });
    produceEvent(leadContacted, {
      leadId,
      assigneeId: backup,
      contactedAt: minutesFromNow(4),
      withinSla: true,
    });
    produceEvent(leadConverted, {
      leadId,
      customerId,
      contactId: newId(),
      opportunityId: newId(),
      campaignId: null,
      existingCustomer: false,
      convertedBy: backup,
      convertedAt: minutesFromNow(5),
    });
    const state = await eventually(async () => {
      const s = await leadState(leadId);
      expect(s.status).toBe('CONVERTED');
      return s;
    });
    expect(state).toMatchObject({
      assignee: { id: backup },
      assignedAt: reassignedAt,
      customer: { id: customerId },
      slaBreaches: 1,
    });
    expect(state.history.map((e) => e.kind)).toEqual([
      'CAPTURED',
      'QUALIFIED',
      'ASSIGNED',
      'SLA_BREACHED',
      'ASSIGNED',
      'CONTACTED',
      'CONVERTED',
    ]);
    expect(state.history[4].details).toMatchObject({
      rule: 'SLA_REASSIGNMENT',
      previousAssigneeId: rep,
    });
  });

  it('records a disqualification with its reason', async () => {
    const leadId = await qualifiedLead();
    const rep = newId();
    produceEvent(leadAssigned, {
      leadId,
      assigneeId: rep,
      teamId: null,
      rule: 'TERRITORY',
      dueAt: minutesFromNow(1440),
      previousAssigneeId: null,
      assignedAt: minutesFromNow(0),
    });
    produceEvent(leadDisqualified, {
      leadId,
      reason: '学生，无采购需求',
      disqualifiedBy: rep,
      disqualifiedAt: minutesFromNow(1),
    });
    await eventually(async () =>
      expect(await leadState(leadId)).toMatchObject({
        status: 'DISQUALIFIED',
        disqualificationReason: '学生，无采购需求',
        assignee: { id: rep },
      }),
    );
  });

  it('keeps the newest assignee and the furthest status when events arrive out of order', async () => {
    const leadId = await qualifiedLead();
    const [first, second] = [newId(), newId()];
    produceEvent(leadContacted, {
      leadId,
      assigneeId: second,
      contactedAt: minutesFromNow(-1),
      withinSla: true,
    });
    produceEvent(leadAssigned, {
      leadId,
      assigneeId: second,
      teamId: null,
      rule: 'MANUAL',
      dueAt: minutesFromNow(1440),
      previousAssigneeId: first,
      assignedAt: minutesFromNow(-2),
    });
    // the older assignment arrives last
    produceEvent(leadAssigned, {
      leadId,
      assigneeId: first,
      teamId: null,
      rule: 'ROUND_ROBIN',
      dueAt: minutesFromNow(1000),
      previousAssigneeId: null,
      assignedAt: minutesFromNow(-10),
    });
    await eventually(async () =>
      expect((await leadState(leadId)).history.filter((e) => e.kind === 'ASSIGNED')).toHaveLength(
        2,
      ),
    );
    expect(await leadState(leadId)).toMatchObject({
      status: 'CONTACTED',
      assignee: { id: second },
    });
  });

  it('ignores hand-off events of leads marketing does not know', async () => {
    const unknown = newId();
    produceEvent(leadAssigned, {
      leadId: unknown,
      assigneeId: newId(),
      teamId: null,
      rule: 'MANUAL',
      dueAt: minutesFromNow(1440),
      previousAssigneeId: null,
      assignedAt: minutesFromNow(0),
    });
    const leadId = await qualifiedLead();
    const rep = newId();
    produceEvent(leadAssigned, {
      leadId,
      assigneeId: rep,
      teamId: null,
      rule: 'MANUAL',
      dueAt: minutesFromNow(1440),
      previousAssigneeId: null,
      assignedAt: minutesFromNow(0),
    });
    // the consumer goes on with the next events
    await eventually(async () =>
      expect(await leadState(leadId)).toMatchObject({ assignee: { id: rep } }),
    );
    expect(
      await h.dataSource.query('SELECT id FROM lead_history WHERE lead_id = $1', [unknown]),
    ).toEqual([]);
  });
});
