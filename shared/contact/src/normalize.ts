import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  /** E.164, e.g. +8613812345678: the matching and dedup key. */
  e164: string;
  /** As people write it: national format for mainland numbers, international otherwise. */
  display: string;
}

/**
 * Reads a phone number as people type it: without a country code it is a mainland China number
 * (138 1234 5678, 021-62345678, （010）8888 6666); others need their +code or 00. Null when
 * libphonenumber's metadata (lengths and prefixes per region) says it cannot be a real number.
 */
export function normalizePhone(raw: string): NormalizedPhone | null {
  const text = raw
    .normalize('NFKC') // full-width digits, plus signs and brackets from Chinese input methods
    .trim()
    .replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (!parsed?.isValid()) return null;
  return {
    e164: parsed.number,
    display: parsed.country === 'CN' ? parsed.formatNational() : parsed.formatInternational(),
  };
}

/** Lower-case, trimmed: the email matching key. Whether it is an address is the input field's job. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
