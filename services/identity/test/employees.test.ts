import { aViewer, graphql, graphqlOk, unique } from '@crm/testing';
import { startIdentity, type IdentityHarness } from './harness';

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h.stop());

const CREATE = `mutation($input: CreateEmployeeInput!) {
  createEmployee(input: $input) { employee { id name email roles team { id name } active } userErrors { field code message } } }`;

const email = () => `${unique('e').replace(/\W/g, '')}@example.com`;
const outboxOf = (id: string) =>
  h.dataSource.query('SELECT type, payload FROM outbox WHERE subject = $1 ORDER BY seq', [id]);
const auditOf = (id: string) =>
  h.dataSource.query(
    'SELECT action, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id',
    [id],
  );

describe('managing employees', () => {
  it('creates an employee in a team, audits it and publishes employee.created', async () => {
    const team = await graphqlOk<{ createTeam: { team: { id: string } } }>(h.app, {
      query:
        'mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } userErrors { message } } }',
      variables: { input: { name: unique('Team') } },
      token: h.adminToken,
    });
    const teamId = team.createTeam.team.id;
    const data = await graphqlOk<{
      createEmployee: { employee: { id: string; team: { id: string } } };
    }>(h.app, {
      query: CREATE,
      variables: {
        input: {
          name: 'New Rep',
          email: email(),
          password: 'longenough',
          roles: ['SALES_REP'],
          teamId,
        },
      },
      token: h.adminToken,
    });
    const id = data.createEmployee.employee.id;
    expect(data.createEmployee.employee.team.id).toBe(teamId);
    const events = await outboxOf(id);
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'crm.identity.employee.created.v1',
    ]);
    expect(events[0].payload).toMatchObject({
      employeeId: id,
      teamId,
      roles: ['SALES_REP'],
      active: true,
      version: 1,
    });
    expect((await auditOf(id)).map((a: { action: string }) => a.action)).toEqual([
      'employee.create',
    ]);
  });

  it('reports every invalid field at once and writes nothing', async () => {
    const before = await h.dataSource.query('SELECT count(*)::int AS n FROM employees');
    const data = await graphqlOk<{
      createEmployee: { employee: null; userErrors: { field: string[]; code: string }[] };
    }>(h.app, {
      query: CREATE,
      variables: { input: { name: ' ', email: 'not-an-email', password: 'short', roles: [] } },
      token: h.adminToken,
    });
    expect(data.createEmployee.employee).toBeNull();
    expect(data.createEmployee.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.email', 'INVALID'],
      ['input.password', 'INVALID'],
      ['input.roles', 'INVALID'],
    ]);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM employees')).toEqual(before);
  });

  it('refuses a second employee with the same email, whatever its case', async () => {
    const address = email();
    await graphqlOk(h.app, {
      query: CREATE,
      variables: {
        input: { name: 'A', email: address, password: 'longenough', roles: ['MARKETER'] },
      },
      token: h.adminToken,
    });
    const data = await graphqlOk<{
      createEmployee: { userErrors: { code: string; message: string }[] };
    }>(h.app, {
      query: CREATE,
      variables: {
        input: {
          name: 'B',
          email: address.toUpperCase(),
          password: 'longenough',
          roles: ['MARKETER'],
        },
      },
      token: h.adminToken,
    });
    expect(data.createEmployee.userErrors).toEqual([
      {
        field: ['input', 'email'],
        code: 'DUPLICATE',
        message: `email: ${address} already belongs to another employee`,
      },
    ]);
  });

  it('lets only an ADMIN manage employees', async () => {
    const token = await h.tokenFor(aViewer({ roles: ['SALES_MANAGER'] }));
    const res = await graphql(h.app, {
      query: CREATE,
      variables: {
        input: { name: 'X', email: email(), password: 'longenough', roles: ['SALES_REP'] },
      },
      token,
    });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it('deactivates an employee: no more logins, employee.deactivated published', async () => {
    const address = email();
    const created = await graphqlOk<{ createEmployee: { employee: { id: string } } }>(h.app, {
      query: CREATE,
      variables: {
        input: { name: 'Leaving', email: address, password: 'longenough', roles: ['SALES_REP'] },
      },
      token: h.adminToken,
    });
    const id = created.createEmployee.employee.id;
    const data = await graphqlOk<{ deactivateEmployee: { employee: { active: boolean } } }>(h.app, {
      query:
        'mutation($input: DeactivateEmployeeInput!) { deactivateEmployee(input: $input) { employee { active } userErrors { message } } }',
      variables: { input: { id } },
      token: h.adminToken,
    });
    expect(data.deactivateEmployee.employee.active).toBe(false);
    expect((await outboxOf(id)).map((e: { type: string }) => e.type)).toEqual([
      'crm.identity.employee.created.v1',
      'crm.identity.employee.deactivated.v1',
    ]);
    const login = await graphqlOk<{ login: { token: null; userErrors: { message: string }[] } }>(
      h.app,
      {
        query:
          'mutation($input: LoginInput!) { login(input: $input) { token userErrors { message } } }',
        variables: { input: { email: address, password: 'longenough' } },
      },
    );
    expect(login.login).toEqual({
      token: null,
      userErrors: [{ message: 'this account is deactivated' }],
    });
  });

  it('resolves many employee references with one SQL query', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const data = await graphqlOk<{ createEmployee: { employee: { id: string } } }>(h.app, {
        query: CREATE,
        variables: {
          input: { name: `Ref ${i}`, email: email(), password: 'longenough', roles: ['SALES_REP'] },
        },
        token: h.adminToken,
      });
      ids.push(data.createEmployee.employee.id);
    }
    h.counter.reset();
    const data = await graphqlOk<{ _entities: { id: string; name: string }[] }>(h.app, {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id name } } }',
      variables: { r: ids.map((id) => ({ __typename: 'Employee', id })) },
      token: h.adminToken,
    });
    expect(data._entities.map((e) => e.id)).toEqual(ids);
    expect(h.counter.matching(/FROM employees/)).toHaveLength(1);
  });

  it('shows the audit log to an ADMIN only', async () => {
    const data = await graphqlOk<{ identityAuditLog: { nodes: { action: string }[] } }>(h.app, {
      query: '{ identityAuditLog(first: 5) { nodes { action entityType at } } }',
      token: h.adminToken,
    });
    expect(data.identityAuditLog.nodes.length).toBeGreaterThan(0);
    const res = await graphql(h.app, {
      query: '{ identityAuditLog(first: 5) { nodes { action } } }',
      token: await h.tokenFor(aViewer({ roles: ['EXECUTIVE'] })),
    });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
