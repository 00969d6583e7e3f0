import { createHash } from 'node:crypto';

// A fixed namespace for analytics' derived event ids (a random UUID chosen once).
const NAMESPACE = Buffer.from('5d2f8a3e7c1b4e0f9a6d2c4b8e1f3a70', 'hex');

/**
 * A name-based UUID (version 5, RFC 9562): the same name always gives the same id, so work done
 * again (a replay) produces the event id it produced the first time.
 */
export function derivedId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
