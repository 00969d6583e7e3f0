import { newId } from '@crm/database';
import { employeeCreated, teamCreated, type EventData } from '@crm/events';
import { eventually, produceEvent } from '@crm/testing';
import type { Harness } from './harness';

export type Person = EventData<typeof employeeCreated>;

/** An employee as identity announces one: active, with fresh id. */
export function aPerson(overrides: Partial<Person> = {}): Person {
  const employeeId = newId();
  return {
    employeeId,
    name: `Person ${employeeId.slice(-6)}`,
    email: `${employeeId}@example.com`,
    roles: ['SERVICE_AGENT'],
    teamId: null,
    active: true,
    version: 1,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Publishes a team (with its manager) and people as identity would; waits for the directory copy. */
export async function knownDirectory(
  h: Harness,
  team: { teamId: string; managerId: string | null } | null,
  ...people: Person[]
): Promise<void> {
  const occurredAt = new Date().toISOString();
  if (team)
    produceEvent(teamCreated, { ...team, name: `Team ${team.teamId}`, version: 1, occurredAt });
  for (const p of people) produceEvent(employeeCreated, p);
  await eventually(async () => {
    const [{ n }] = await h.dataSource.query(
      'SELECT (SELECT count(*) FROM employee_replica WHERE id = ANY($1)) + (SELECT count(*) FROM team_replica WHERE id = $2) AS n',
      [people.map((p) => p.employeeId), team?.teamId ?? null],
    );
    expect(Number(n)).toBe(people.length + (team ? 1 : 0));
  });
}
