import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '@crm/auth';
import type { Logger } from '@crm/config';
import type { DataSource } from 'typeorm';
import { findCredentials } from '../db/employees';
import { findTeamByName } from '../db/teams';
import { createEmployee } from './manage-employees';
import { createTeam, updateTeam } from './manage-teams';
import { hashPassword } from './passwords';

interface DemoCompany {
  password: string;
  teams: { name: string; manager: string }[];
  employees: { email: string; name: string; roles: Role[]; team?: string }[];
}

// demo-company.json sits in the package root, beside src/ and dist/
const DEMO_FILE = path.join(__dirname, '..', '..', 'demo-company.json');

/** Creates the demo company's teams and people (one per role) where missing. Idempotent. */
export async function seedDemoCompany(dataSource: DataSource, logger: Logger): Promise<void> {
  const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoCompany;
  let created = 0;
  for (const team of demo.teams) {
    if (!(await findTeamByName(dataSource.manager, team.name))) {
      const result = await createTeam(dataSource, null, { name: team.name });
      if (!result.ok)
        throw new Error(
          `demo team ${team.name}: ${result.errors.map((e) => e.message).join('; ')}`,
        );
      created++;
    }
  }
  // Everyone in the demo has the same password: one hash at production cost (about 0.5 s) for
  // all of them, so seeding takes about as long as before N=2^17 (the service already answers
  // while it seeds: 19 hashes made the first logins find managers without their teams).
  let shared: Promise<string> | undefined;
  const hashOnce = (password: string) => (shared ??= hashPassword(password));
  for (const person of demo.employees) {
    if (await findCredentials(dataSource.manager, person.email)) continue;
    const team = person.team ? await findTeamByName(dataSource.manager, person.team) : null;
    const result = await createEmployee(
      dataSource,
      null,
      {
        name: person.name,
        email: person.email,
        password: demo.password,
        roles: person.roles,
        teamId: team?.id ?? null,
      },
      hashOnce,
    );
    if (!result.ok)
      throw new Error(
        `demo employee ${person.email}: ${result.errors.map((e) => e.message).join('; ')}`,
      );
    created++;
  }
  for (const team of demo.teams) {
    const existing = await findTeamByName(dataSource.manager, team.name);
    const manager = await findCredentials(dataSource.manager, team.manager);
    if (existing && manager && existing.managerId !== manager.employee.id) {
      await updateTeam(dataSource, null, { id: existing.id, managerId: manager.employee.id });
    }
  }
  if (created) logger.info({ created }, 'demo company seeded');
}
