import type { Viewer } from '@crm/auth';
import { badInput } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import {
  businessDay,
  followUpsDue,
  overdueTasks,
  tasksDueIn,
  type FollowUpDue,
} from '../../db/agenda';
import { findDirectoryEmployee } from '../../db/directory';
import type { Task } from '../../db/tasks';
import { pipelineRules } from '../../env';
import { mayReach } from '../opportunities/scope';

export interface Agenda {
  date: string;
  dueToday: Task[];
  overdue: Task[];
  followUps: FollowUpDue[];
}

/**
 * A person's day in the business time zone: open tasks due that day, tasks already late, and
 * owned customers whose planned follow-up is due by the end of the day. Visible to the person,
 * the managers of their team and executives; null for anyone else.
 */
export async function agendaOf(
  dataSource: DataSource,
  viewer: Viewer,
  employeeId: string,
  date: string | null | undefined,
): Promise<Agenda | null> {
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw badInput(`date must be YYYY-MM-DD (got ${JSON.stringify(date)})`);
  const tx = dataSource.manager;
  if (employeeId !== viewer.id) {
    const person = await findDirectoryEmployee(tx, employeeId);
    if (
      !mayReach(viewer, 'followups.read', { ownerId: employeeId, teamId: person?.teamId ?? null })
    )
      return null;
  } else if (!mayReach(viewer, 'followups.read', { ownerId: viewer.id, teamId: viewer.teamId }))
    return null;
  const day = await businessDay(tx, pipelineRules().BUSINESS_TIMEZONE, date ?? null);
  const [dueToday, overdue, followUps] = await Promise.all([
    tasksDueIn(tx, employeeId, day),
    overdueTasks(tx, employeeId),
    followUpsDue(tx, employeeId, day.end),
  ]);
  return { date: day.date, dueToday, overdue, followUps };
}
