import { z } from 'zod';
import {
  decodeCursor,
  encodeCursor,
  idField,
  idsOnly,
  isPublicOperation,
  pageSize,
  parseInput,
  payload,
  requireIds,
  toConnection,
} from '../src';

describe('public operations', () => {
  it('lets only operations whose root fields are all public go without a token', () => {
    expect(
      isPublicOperation(
        'mutation { login(input: {email: "a", password: "b"}) { token } }',
        undefined,
        ['login'],
      ),
    ).toBe(true);
    expect(
      isPublicOperation(
        'mutation L { login(input: {email: "a", password: "b"}) { token } __typename }',
        'L',
        ['login'],
      ),
    ).toBe(true);
    expect(
      isPublicOperation(
        'mutation { login(input: {email: "a", password: "b"}) { token } createEmployee(input: {}) { employee { id } } }',
        undefined,
        ['login'],
      ),
    ).toBe(false);
    expect(
      isPublicOperation('query { _entities(representations: []) { __typename } }', undefined, [
        'login',
      ]),
    ).toBe(false);
    expect(
      isPublicOperation('query A { me { id } } mutation B { login { token } }', undefined, [
        'login',
      ]),
    ).toBe(false);
    expect(isPublicOperation('not graphql', undefined, ['login'])).toBe(false);
  });
});

describe('connections', () => {
  it('pages with first + 1 rows and opaque cursors', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(rows, 2, 10, (r) => [r.id]);
    expect(page.nodes).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    expect(decodeCursor(page.pageInfo.endCursor)).toEqual(['b']);
    expect(toConnection(rows.slice(0, 1), 2, 1, (r) => [r.id]).pageInfo.hasNextPage).toBe(false);
  });

  it('refuses page sizes outside 1..100 and cursors it did not make, saying what is wrong', () => {
    expect(pageSize({})).toBe(20);
    expect(() => pageSize({ first: 0 })).toThrow('first must be between 1 and 100 (got 0)');
    expect(() => pageSize({ first: 1000 })).toThrow('first must be between 1 and 100 (got 1000)');
    expect(() => decodeCursor('garbage!')).toThrow(/after is not a cursor this API returned/);
  });
});

describe('input validation', () => {
  const schema = z.object({
    name: z.string().trim().min(1, 'is required'),
    email: z.email('is not a valid email address'),
    age: z.number().int().optional(),
  });

  it('turns each problem into a field error: REQUIRED when missing or blank, INVALID otherwise', () => {
    const result = parseInput(schema, { name: '  ', email: 'nope', age: 1.5 });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: ['input', 'name'], code: 'REQUIRED', message: 'name: is required' },
      {
        field: ['input', 'email'],
        code: 'INVALID',
        message: 'email: is not a valid email address',
      },
      { field: ['input', 'age'], code: 'INVALID', message: expect.stringMatching(/^age: /) },
    ]);
  });

  it('answers the parsed value when the input is valid, and a payload with no user errors', () => {
    const result = parseInput(schema, { name: ' Ada ', email: 'ada@example.com' });
    expect(result).toEqual({ ok: true, value: { name: 'Ada', email: 'ada@example.com' } });
    expect(payload('person', result)).toEqual({
      person: { name: 'Ada', email: 'ada@example.com' },
      userErrors: [],
    });
  });
});

describe('ids', () => {
  const id = '0190c5a4-7b1e-7c3a-9f00-1234567890ab';

  it('looks malformed ids up as not found without asking the database', async () => {
    const asked: (readonly string[])[] = [];
    const fetch = idsOnly(async (ids: readonly string[]) => {
      asked.push(ids);
      return ids.map((i) => ({ id: i }));
    });
    expect(await fetch(['not-a-uuid', id.toUpperCase(), "1' OR 1=1"])).toEqual([
      { id: id.toUpperCase() },
    ]);
    expect(await fetch(['not-a-uuid'])).toEqual([]);
    expect(asked).toEqual([[id.toUpperCase()]]);
  });

  it('refuses a malformed id in an input or a filter, naming the field and the value', () => {
    const parsed = parseInput(z.object({ teamId: idField.nullish() }), { teamId: 'team-1' });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { field: ['input', 'teamId'], code: 'INVALID', message: 'teamId: is not a valid id' },
      ],
    });
    expect(() => requireIds({ 'filter.ownerIds': [id, 'x'] })).toThrow(
      'filter.ownerIds: "x" is not a valid id',
    );
    expect(() => requireIds({ 'filter.teamId': id, 'filter.ownerIds': null })).not.toThrow();
  });
});
