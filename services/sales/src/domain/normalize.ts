import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  /** E.164, e.g. +8613812345678: the matching key. */
  e164: string;
  /** How people write it: national format for mainland numbers, international otherwise. */
  display: string;
}

/**
 * Parses a phone number as people type it. Numbers without a country code are read as mainland
 * China (13812345678, 021-62345678, (010) 8888 6666); others need their +code. Returns null
 * when it is not a valid number (libphonenumber's metadata: lengths and prefixes per region).
 */
export function normalizePhone(raw: string): NormalizedPhone | null {
  const text = raw.trim().replace(/^00/, '+').replace(/[（]/g, '(').replace(/[）]/g, ')');
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (!parsed || !parsed.isValid()) return null;
  return {
    e164: parsed.number,
    display: parsed.country === 'CN' ? parsed.formatNational() : parsed.formatInternational(),
  };
}

/** Lower-case, trimmed. Validation of the format is the input schema's job. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
