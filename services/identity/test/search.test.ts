import { aViewer, graphqlOk, unique } from '@crm/testing';
import { createEmployee } from '../src/domain/manage-employees';
import { startIdentity, type IdentityHarness } from './harness';

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h.stop());

describe('the employee search', () => {
  it('takes % and _ literally instead of as wildcards', async () => {
    const tag = unique('srch').replace(/\W/g, '');
    for (const name of [`${tag} 100% sure`, `${tag} 1000 sure`, `${tag} a_b`, `${tag} axb`]) {
      const created = await createEmployee(h.dataSource, null, {
        name,
        email: `${unique('s').replace(/\W/g, '')}@example.com`,
        password: 'correct horse',
        roles: ['SALES_REP'],
      });
      expect(created.ok).toBe(true);
    }
    const token = await h.tokenFor(aViewer({ roles: ['ADMIN'] }));
    const search = async (text: string) =>
      (
        await graphqlOk<{ employees: { nodes: { name: string }[] } }>(h.app, {
          query:
            'query($s: String) { employees(first: 10, filter: { search: $s }) { nodes { name } } }',
          variables: { s: text },
          token,
        })
      ).employees.nodes.map((n) => n.name);
    expect(await search(`${tag} 100%`)).toEqual([`${tag} 100% sure`]);
    expect(await search(`${tag} a_b`)).toEqual([`${tag} a_b`]);
  });
});
