import type { Role } from '@crm/auth';
import { likeLiteral, rows, Where, type Tx } from '@crm/database';

export interface Employee {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  teamId: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deactivatedAt: Date | null;
}

interface EmployeeRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  team_id: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  deactivated_at: Date | null;
}

const COLUMNS =
  'id, name, email, roles, team_id, active, version, created_at, updated_at, deactivated_at';

function toEmployee(row: EmployeeRow): Employee {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    teamId: row.team_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deactivatedAt: row.deactivated_at,
  };
}

export async function findEmployeesByIds(tx: Tx, ids: readonly string[]): Promise<Employee[]> {
  const found = await rows<EmployeeRow>(
    tx,
    `SELECT ${COLUMNS} FROM employees WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return found.map(toEmployee);
}

export async function findEmployee(
  tx: Tx,
  id: string,
  forUpdate = false,
): Promise<Employee | null> {
  const found = await rows<EmployeeRow>(
    tx,
    `SELECT ${COLUMNS} FROM employees WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return found[0] ? toEmployee(found[0]) : null;
}

export async function findCredentials(
  tx: Tx,
  email: string,
): Promise<{ employee: Employee; passwordHash: string } | null> {
  const found = await rows<EmployeeRow & { password_hash: string }>(
    tx,
    `SELECT ${COLUMNS}, password_hash FROM employees WHERE lower(email) = lower($1)`,
    [email],
  );
  return found[0] ? { employee: toEmployee(found[0]), passwordHash: found[0].password_hash } : null;
}

/**
 * Replaces a password hash with one of the same password made with today's parameters, unless
 * the password changed meanwhile (the hash is no longer `previous`). Not a change of the
 * employee: no version bump, no event.
 */
export async function upgradePasswordHash(
  tx: Tx,
  employeeId: string,
  previous: string,
  next: string,
): Promise<void> {
  await tx.query('UPDATE employees SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [
    employeeId,
    previous,
    next,
  ]);
}

export async function emailTaken(tx: Tx, email: string, exceptId?: string): Promise<boolean> {
  const found = await rows<unknown>(
    tx,
    'SELECT 1 FROM employees WHERE lower(email) = lower($1) AND ($2::uuid IS NULL OR id <> $2)',
    [email, exceptId ?? null],
  );
  return found.length > 0;
}

export async function insertEmployee(
  tx: Tx,
  e: {
    id: string;
    name: string;
    email: string;
    passwordHash: string;
    roles: Role[];
    teamId: string | null;
  },
): Promise<Employee> {
  const found = await rows<EmployeeRow>(
    tx,
    `INSERT INTO employees (id, name, email, password_hash, roles, team_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [e.id, e.name, e.email, e.passwordHash, e.roles, e.teamId],
  );
  return toEmployee(found[0]);
}

export async function saveEmployee(tx: Tx, e: Employee, passwordHash?: string): Promise<Employee> {
  const found = await rows<EmployeeRow>(
    tx,
    `UPDATE employees SET name = $2, email = $3, roles = $4, team_id = $5, active = $6, deactivated_at = $7,
       password_hash = coalesce($8, password_hash), version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [e.id, e.name, e.email, e.roles, e.teamId, e.active, e.deactivatedAt, passwordHash ?? null],
  );
  return toEmployee(found[0]);
}

export interface EmployeeFilter {
  teamId?: string | null;
  role?: Role | null;
  active?: boolean | null;
  search?: string | null;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listEmployees(
  tx: Tx,
  filter: EmployeeFilter,
  page: { limit: number; after: [string, string] | null },
): Promise<{ rows: Employee[]; total: number }> {
  const where = new Where();
  if (filter.teamId) where.add('team_id = ?', filter.teamId);
  if (filter.role) where.add('? = ANY(roles)', filter.role);
  if (typeof filter.active === 'boolean') where.add('active = ?', filter.active);
  if (filter.search)
    where.add(
      "(name ILIKE '%' || ? || '%' OR email ILIKE '%' || ? || '%')",
      likeLiteral(filter.search),
      likeLiteral(filter.search),
    );
  const [{ total }] = await tx.query(
    `SELECT count(*)::int AS total FROM employees ${where.sql()}`,
    where.params,
  );
  const paged = where.clone();
  if (page.after)
    paged.add('(created_at, id) < (?::timestamptz, ?::uuid)', page.after[0], page.after[1]);
  const limit = paged.param(page.limit + 1);
  const found = await rows<EmployeeRow>(
    tx,
    `SELECT ${COLUMNS} FROM employees ${paged.sql()} ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
    paged.params,
  );
  return { rows: found.map(toEmployee), total };
}

export async function findMembers(tx: Tx, teamIds: readonly string[]): Promise<Employee[]> {
  const found = await rows<EmployeeRow>(
    tx,
    `SELECT ${COLUMNS} FROM employees WHERE team_id = ANY($1::uuid[]) ORDER BY name`,
    [teamIds],
  );
  return found.map(toEmployee);
}
