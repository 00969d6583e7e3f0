import { isId, likeLiteral, newId, Where } from '../src';

describe('Where', () => {
  it('numbers the parameters of each condition in order', () => {
    const where = new Where();
    where.add('team_id = ?', 't1').add('(name ILIKE ? OR email ILIKE ?)', '%a%', '%b%');
    const limit = where.param(10);
    expect(where.sql()).toBe('WHERE team_id = $1 AND (name ILIKE $2 OR email ILIKE $3)');
    expect(limit).toBe('$4');
    expect(where.params).toEqual(['t1', '%a%', '%b%', 10]);
  });

  it('is empty without conditions, and a clone extends without changing the original', () => {
    expect(new Where().sql()).toBe('');
    const base = new Where().add('a = ?', 1);
    const page = base.clone().add('id > ?', 'x');
    expect(base.sql()).toBe('WHERE a = $1');
    expect(page.sql()).toBe('WHERE a = $1 AND id > $2');
    expect(base.params).toEqual([1]);
  });
});

describe('ids', () => {
  it('are UUIDv7 strings that sort in creation order', async () => {
    const first = newId();
    await new Promise((r) => setTimeout(r, 2));
    const second = newId();
    expect(isId(first)).toBe(true);
    expect(first < second).toBe(true);
    expect(isId('3f1b1f4e-8a0b-4c2e-9d6b-0a1b2c3d4e5f')).toBe(false);
  });
});

describe('likeLiteral', () => {
  it('makes %, _ and the escape character match only themselves', () => {
    expect(likeLiteral('50% off_now \\ ok')).toBe('50\\% off\\_now \\\\ ok');
    expect(likeLiteral('plain')).toBe('plain');
  });
});
