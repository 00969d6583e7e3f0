import { z } from 'zod';
import { emailField, phoneField } from '../src/fields';

const messagesOf = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((i) => i.message);

describe('phone input field', () => {
  const phone = phoneField();

  it('turns a typed number into its E.164 key and display form', () => {
    expect(phone.parse(' 138-1234-5678 ')).toEqual({
      e164: '+8613812345678',
      display: '138 1234 5678',
    });
  });

  it('reads blank, null and missing as no phone', () => {
    expect(phone.parse('  ')).toBeNull();
    expect(phone.parse(null)).toBeNull();
    expect(phone.parse(undefined)).toBeUndefined();
  });

  it('says which number it cannot read and what it expects', () => {
    expect(messagesOf(phone.safeParse(' 12345 '))).toEqual([
      '"12345" is not a valid phone number (mainland numbers like 13812345678 or 021-62345678; others with their country code, e.g. +44 20 7946 0958)',
    ]);
  });

  it('refuses text longer than its maximum before reading it', () => {
    expect(messagesOf(phoneField({ max: 40 }).safeParse('1'.repeat(41)))).toEqual([
      'must be at most 40 characters',
    ]);
    expect(messagesOf(phoneField().safeParse('1'.repeat(41)))).toHaveLength(1);
  });
});

describe('email input field', () => {
  const email = emailField();

  it('keeps a valid address trimmed and lower-cased', () => {
    expect(email.parse('  Li.Lei@Example.com ')).toBe('li.lei@example.com');
  });

  it('reads blank, null and missing as no email', () => {
    expect(email.parse('')).toBeNull();
    expect(email.parse(null)).toBeNull();
    expect(email.parse(undefined)).toBeUndefined();
  });

  it('says when the text is not an address', () => {
    expect(messagesOf(email.safeParse('nope'))).toEqual(['is not a valid email address']);
  });

  it('refuses text longer than its maximum', () => {
    const long = `${'a'.repeat(250)}@example.com`;
    expect(messagesOf(emailField({ max: 254 }).safeParse(long))).toContain(
      'must be at most 254 characters',
    );
    expect(messagesOf(emailField().safeParse(long))).not.toContain(
      'must be at most 254 characters',
    );
  });
});
