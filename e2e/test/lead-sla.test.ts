import { leadAssigned, leadSlaBreached } from '@crm/events';
import { eventually, kcatRead } from '@crm/testing';
import {
  aCampaign,
  aNorthTerritory,
  assignmentNamed,
  assignmentsOfTeam,
  postForm,
} from './lead-handoff';
import { processes, restart } from './system';

describe('first-contact deadline', () => {
  it('a lead nobody contacts in time is reassigned and the breach is published, even when sales restarts during the wait', async () => {
    const campaign = await aCampaign();
    const territory = await aNorthTerritory(8);
    // a name of its own: other tests' leads reach the North China team too
    const name = `孙先生${campaign.marker}`;
    const posted = await postForm(campaign.formKey, {
      name,
      title: `经理${campaign.marker}`,
      region: territory.region,
    });
    expect(posted.status === 201 ? 201 : posted).toBe(201);
    const first = await eventually(
      async () => {
        const found = await assignmentNamed(territory.managerToken, territory.teamId, name);
        expect(found).toMatchObject({ status: 'ASSIGNED', rule: 'TERRITORY' });
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    const leadId = first.lead.id;

    // sales is down while the deadline passes; the deadline is a row in its database
    await processes().stop('sales');
    await new Promise((r) => setTimeout(r, 9_000));
    await restart('sales');

    const breach = await eventually(
      () => {
        const found = kcatRead(leadSlaBreached.topic).find(
          (r) => r.key === leadId && r.headers.ce_type === leadSlaBreached.type,
        );
        expect(found).toBeDefined();
        return JSON.parse(found!.payload!);
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(breach.assigneeId).toBe(first.assignee!.id);

    const reassigned = await eventually(() => {
      const events = kcatRead(leadAssigned.topic)
        .filter((r) => r.key === leadId && r.headers.ce_type === leadAssigned.type)
        .map((r) => JSON.parse(r.payload!));
      expect(events.length).toBeGreaterThanOrEqual(2);
      return events.at(-1);
    });
    expect(reassigned).toMatchObject({
      rule: 'SLA_REASSIGNMENT',
      previousAssigneeId: first.assignee!.id,
    });
    expect(reassigned.assigneeId).not.toBe(first.assignee!.id);
    const now = (await assignmentsOfTeam(territory.managerToken, territory.teamId)).find(
      (a) => a.lead.id === leadId,
    )!;
    expect(now.breachCount).toBeGreaterThanOrEqual(1);
    expect(now.assignee!.id).toBe(reassigned.assigneeId);
  });
});
