import { rows, type Tx } from '@crm/database';
import { TASK_COLUMNS, taskRows, type Task } from './tasks';

export interface AgendaDay {
  /** YYYY-MM-DD in the business time zone. */
  date: string;
  start: Date;
  end: Date;
}

/** The bounds of a business day (today when `date` is null) in the time zone. */
export async function businessDay(
  tx: Tx,
  timeZone: string,
  date: string | null,
): Promise<AgendaDay> {
  const [day] = await rows<{ date: string; start: Date; end: Date }>(
    tx,
    `SELECT to_char(d, 'YYYY-MM-DD') AS date, d::timestamp AT TIME ZONE $1 AS start,
       (d + 1)::timestamp AT TIME ZONE $1 AS "end"
     FROM (SELECT coalesce($2::date, (now() AT TIME ZONE $1)::date) AS d) x`,
    [timeZone, date],
  );
  return day;
}

/** Open tasks of a person due in [start, end) and not yet late. */
export function tasksDueIn(tx: Tx, assigneeId: string, day: AgendaDay): Promise<Task[]> {
  return taskRows(
    tx,
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.assignee_id = $1 AND t.status = 'OPEN'
       AND t.due_at >= greatest($2::timestamptz, now()) AND t.due_at < $3 ORDER BY t.due_at, t.id`,
    [assigneeId, day.start, day.end],
  );
}

/** Open tasks of a person past their due time, oldest first. */
export function overdueTasks(tx: Tx, assigneeId: string): Promise<Task[]> {
  return taskRows(
    tx,
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.assignee_id = $1 AND t.status = 'OPEN' AND t.due_at < now()
     ORDER BY t.due_at, t.id LIMIT 200`,
    [assigneeId],
  );
}

export interface FollowUpDue {
  customerId: string;
  activityId: string;
  dueAt: Date;
  missedAt: Date | null;
}

/** Customers a person owns whose planned follow-up is due before `end`. */
export async function followUpsDue(tx: Tx, ownerId: string, end: Date): Promise<FollowUpDue[]> {
  const found = await rows<{
    customer_id: string;
    activity_id: string;
    due_at: Date;
    missed_at: Date | null;
  }>(
    tx,
    `SELECT p.customer_id, p.activity_id, p.due_at, p.missed_at
     FROM follow_up_plans p JOIN customers c ON c.id = p.customer_id
     WHERE c.owner_id = $1 AND p.due_at < $2 ORDER BY p.due_at, p.customer_id LIMIT 200`,
    [ownerId, end],
  );
  return found.map((r) => ({
    customerId: r.customer_id,
    activityId: r.activity_id,
    dueAt: r.due_at,
    missedAt: r.missed_at,
  }));
}
