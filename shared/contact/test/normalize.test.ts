import { normalizeEmail, normalizePhone } from '../src/normalize';

describe('phone numbers as people type them', () => {
  it('reads mainland numbers without a country code, full-width digits and foreign numbers with one', () => {
    expect(normalizePhone('138 1234 5678')?.e164).toBe('+8613812345678');
    expect(normalizePhone('+86 138-1234-5678')?.e164).toBe('+8613812345678');
    expect(normalizePhone('１３８１２３４５６７８')?.e164).toBe('+8613812345678');
    expect(normalizePhone('（021）6234 5678')?.e164).toBe('+862162345678');
    expect(normalizePhone('(010) 8888 6666')?.e164).toBe('+861088886666');
    expect(normalizePhone('0044 20 7946 0958')?.e164).toBe('+442079460958');
  });

  it('shows mainland numbers in national format and foreign numbers in international format', () => {
    expect(normalizePhone('13812345678')?.display).toBe('138 1234 5678');
    expect(normalizePhone('+44 20 7946 0958')?.display).toBe('+44 20 7946 0958');
  });

  it('refuses what cannot be a real number', () => {
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('555')).toBeNull();
    expect(normalizePhone('not a number')).toBeNull();
  });
});

describe('email keys', () => {
  it('are trimmed and lower-cased', () => {
    expect(normalizeEmail('  Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
  });
});
