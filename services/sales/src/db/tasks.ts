import { rows, type Tx, type Where } from '@crm/database';

export type TaskStatus = 'OPEN' | 'DONE' | 'CANCELLED';

export interface Task {
  id: string;
  customerId: string | null;
  opportunityId: string | null;
  title: string;
  notes: string | null;
  dueAt: Date;
  remindAt: Date | null;
  assigneeId: string;
  teamId: string | null;
  status: TaskStatus;
  overdueAt: Date | null;
  remindedAt: Date | null;
  completedAt: Date | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface TaskRow {
  id: string;
  customer_id: string | null;
  opportunity_id: string | null;
  title: string;
  notes: string | null;
  due_at: Date;
  remind_at: Date | null;
  assignee_id: string;
  team_id: string | null;
  status: TaskStatus;
  overdue_at: Date | null;
  reminded_at: Date | null;
  completed_at: Date | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export const TASK_COLUMNS = `t.id, t.customer_id, t.opportunity_id, t.title, t.notes, t.due_at, t.remind_at, t.assignee_id,
  t.team_id, t.status, t.overdue_at, t.reminded_at, t.completed_at, t.version, t.created_by, t.created_at, t.updated_at`;

export const toTask = (r: TaskRow): Task => ({
  id: r.id,
  customerId: r.customer_id,
  opportunityId: r.opportunity_id,
  title: r.title,
  notes: r.notes,
  dueAt: r.due_at,
  remindAt: r.remind_at,
  assigneeId: r.assignee_id,
  teamId: r.team_id,
  status: r.status,
  overdueAt: r.overdue_at,
  remindedAt: r.reminded_at,
  completedAt: r.completed_at,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function taskRows(tx: Tx, sql: string, params: unknown[]): Promise<Task[]> {
  return (await rows<TaskRow>(tx, sql, params)).map(toTask);
}

export type NewTask = Pick<
  Task,
  | 'id'
  | 'customerId'
  | 'opportunityId'
  | 'title'
  | 'notes'
  | 'dueAt'
  | 'remindAt'
  | 'assigneeId'
  | 'teamId'
  | 'createdBy'
>;

export async function insertTask(tx: Tx, t: NewTask): Promise<Task> {
  const [task] = await taskRows(
    tx,
    `INSERT INTO tasks AS t (id, customer_id, opportunity_id, title, notes, due_at, remind_at, assignee_id, team_id, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'OPEN', $10) RETURNING ${TASK_COLUMNS}`,
    [
      t.id,
      t.customerId,
      t.opportunityId,
      t.title,
      t.notes,
      t.dueAt,
      t.remindAt,
      t.assigneeId,
      t.teamId,
      t.createdBy,
    ],
  );
  return task;
}

export async function findTask(tx: Tx, id: string, forUpdate = false): Promise<Task | null> {
  const [task] = await taskRows(
    tx,
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return task ?? null;
}

export async function findTasksByIds(tx: Tx, ids: readonly string[]): Promise<Task[]> {
  return taskRows(tx, `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ANY($1::uuid[])`, [ids]);
}

/** Writes the changeable fields and bumps the version. */
export async function saveTask(tx: Tx, t: Task): Promise<Task> {
  const [task] = await taskRows(
    tx,
    `UPDATE tasks t SET title = $2, notes = $3, due_at = $4, remind_at = $5, assignee_id = $6, team_id = $7, status = $8,
       overdue_at = $9, reminded_at = $10, completed_at = $11, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
    [
      t.id,
      t.title,
      t.notes,
      t.dueAt,
      t.remindAt,
      t.assigneeId,
      t.teamId,
      t.status,
      t.overdueAt,
      t.remindedAt,
      t.completedAt,
    ],
  );
  return task;
}

/** Open tasks of several customers, soonest due first. */
export async function findOpenTasksOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<Task[]> {
  return taskRows(
    tx,
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.customer_id = ANY($1::uuid[]) AND t.status = 'OPEN' ORDER BY t.due_at, t.id`,
    [customerIds],
  );
}

/** Keyset page of tasks by due time; `where` (alias t) holds scope and filters. */
export async function listTasks(
  tx: Tx,
  where: Where,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: Task[]; total: number }> {
  const [{ total }] = await rows<{ total: number }>(
    tx,
    `SELECT count(*)::int AS total FROM tasks t ${where.sql()}`,
    where.params,
  );
  const paged = where.clone();
  if (page.after)
    paged.add('(t.due_at, t.id) > (?::timestamptz, ?::uuid)', page.after[0], page.after[1]);
  const limit = paged.param(page.limit + 1);
  const found = await taskRows(
    tx,
    `SELECT ${TASK_COLUMNS} FROM tasks t ${paged.sql()} ORDER BY t.due_at, t.id LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found, total };
}
