import type { Viewer } from '@crm/auth';
import { Where, type Tx } from '@crm/database';
import {
  leadsPastFirstContact,
  overdueTasks,
  ticketsPastSla,
  type LeadPastDeadlineRow,
  type OverdueTaskRow,
  type TicketPastSlaRow,
} from '../db/bottlenecks';
import { restrictReport } from './report-scope';
import { serviceWhere } from './service-report';

export interface Bottlenecks {
  overdueTasks: OverdueTaskRow[];
  overdueTaskCount: number;
  leadsPastFirstContact: LeadPastDeadlineRow[];
  leadsPastFirstContactCount: number;
  ticketsPastSla: TicketPastSlaRow[];
  ticketsPastSlaCount: number;
  byTeam: BottleneckTeamCount[];
}

export interface BottleneckTeamCount {
  teamId: string | null;
  overdueTasks: number;
  leadsPastFirstContact: number;
  ticketsPastSla: number;
}

/** What is stuck between departments as of `now`, oldest first, `first` of each list. */
export async function bottlenecks(
  tx: Tx,
  viewer: Viewer,
  now: Date,
  first: number,
): Promise<Bottlenecks> {
  const people = new Where();
  restrictReport(viewer, people, 'x.assignee_id', 'x.team_id');
  const tasks = await overdueTasks(tx, people);
  const leads = await leadsPastFirstContact(tx, people, now);
  const tickets = (await ticketsPastSla(tx, serviceWhere(viewer, null))).sort(
    (a, b) => a.due_at.getTime() - b.due_at.getTime(),
  );
  const teams = new Map<string | null, BottleneckTeamCount>();
  const count = (
    teamId: string | null,
    key: 'overdueTasks' | 'leadsPastFirstContact' | 'ticketsPastSla',
  ) => {
    const row = teams.get(teamId) ?? {
      teamId,
      overdueTasks: 0,
      leadsPastFirstContact: 0,
      ticketsPastSla: 0,
    };
    row[key] += 1;
    teams.set(teamId, row);
  };
  tasks.forEach((t) => count(t.team_id, 'overdueTasks'));
  leads.forEach((l) => count(l.team_id, 'leadsPastFirstContact'));
  tickets.forEach((t) => count(t.team_id, 'ticketsPastSla'));
  const take = Math.max(0, first);
  return {
    overdueTasks: tasks.slice(0, take),
    overdueTaskCount: tasks.length,
    leadsPastFirstContact: leads.slice(0, take),
    leadsPastFirstContactCount: leads.length,
    ticketsPastSla: tickets.slice(0, take),
    ticketsPastSlaCount: tickets.length,
    byTeam: [...teams.values()].sort(
      (a, b) =>
        b.overdueTasks +
        b.leadsPastFirstContact +
        b.ticketsPastSla -
        (a.overdueTasks + a.leadsPastFirstContact + a.ticketsPastSla),
    ),
  };
}
