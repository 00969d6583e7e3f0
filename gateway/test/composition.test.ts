import path from 'node:path';
import { compose, localSubgraphs } from '../src/compose';
import { LINK } from './harness';

describe('composition', () => {
  it('composes the subgraphs of every service in the repository', () => {
    const { found, missing } = localSubgraphs(path.resolve(__dirname, '..', '..'));
    expect(missing).toEqual([]);
    const result = compose(found);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(found.map((s) => s.name)).toEqual([
      'identity',
      'sales',
      'marketing',
      'customer-service',
      'product-feedback',
      'analytics',
    ]);
  });

  it('fails with the subgraphs and the field at fault when two subgraphs disagree', () => {
    const result = compose([
      {
        name: 'one',
        url: 'http://one/graphql',
        sdl: `${LINK} type Query { a: Int } type Thing @key(fields: "id") { id: ID! size: Int }`,
      },
      {
        name: 'two',
        url: 'http://two/graphql',
        sdl: `${LINK} type Query { b: Int } type Thing @key(fields: "id") { id: ID! size: String }`,
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors.join('\n')).toMatch(/Thing\.size/);
  });
});
