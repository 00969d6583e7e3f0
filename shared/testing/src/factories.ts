import type { Role, Viewer } from '@crm/auth';
import { newId } from '@crm/database';

let counter = 0;

/** A viewer with fresh ids; pass what the test cares about. */
export function aViewer(overrides: Partial<Viewer> & { roles?: Role[] } = {}): Viewer {
  const n = ++counter;
  return {
    id: newId(),
    name: `Test Person ${n}`,
    email: `person${n}.${Date.now()}@example.com`,
    roles: ['SALES_REP'],
    teamId: null,
    managedTeamIds: [],
    ...overrides,
  };
}

/** A string unique to this test run, for names that must not collide with other tests' data. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${(++counter).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** A valid mainland China mobile number no other test uses (1390000xxxx style). */
export function uniqueMobile(): string {
  const tail = `${Date.now() % 1e6}${++counter % 100}`.padStart(8, '0').slice(-8);
  return `139${tail}`;
}
