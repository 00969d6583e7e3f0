import type { Viewer } from '@crm/auth';
import type { Tx } from '@crm/database';
import { userError, UserErrors, type UserError } from '@crm/subgraph';
import {
  findKeyMatches,
  lockMatchKeys,
  type KeyMatch,
  type MatchKeys,
  type MatchReason,
} from '../db/customer-keys';
import { allowed } from './visibility';

const WHAT: Record<MatchReason, string> = {
  PHONE: 'this phone number',
  EMAIL: 'this email address',
  NAME: 'a near-identical name',
};

/**
 * The DUPLICATE error for a match: it names the existing customer when the caller may see it,
 * otherwise says only that it exists and who owns it.
 */
export function duplicateError(viewer: Viewer, field: string, match: KeyMatch): UserError {
  const label = field.split('.').at(-1);
  const message = allowed(viewer, 'customers.read', match)
    ? `${label}: customer "${match.customerName}" (${match.customerId}) already has ${WHAT[match.reason]}`
    : `${label}: a customer with ${WHAT[match.reason]} already exists; it belongs to ${
        match.ownerName ?? (match.ownerId ? 'another sales rep' : 'the public pool')
      }`;
  return userError(field, 'DUPLICATE', message);
}

/** Where each kind of key came from in the input, for the error's field path. */
export interface KeyFields {
  phone?: string;
  email?: string;
  name?: string;
}

/**
 * Locks the keys and fails with one DUPLICATE error per field whose key another active customer
 * (or its contacts) already has. Call inside the transaction that writes the keys.
 */
export async function assertNoDuplicates(
  tx: Tx,
  viewer: Viewer,
  keys: MatchKeys,
  fields: KeyFields,
  excludeCustomerId: string | null = null,
): Promise<void> {
  await lockMatchKeys(tx, keys);
  const matches = await findKeyMatches(tx, keys, excludeCustomerId);
  const fieldOf: Record<MatchReason, string | undefined> = {
    PHONE: fields.phone,
    EMAIL: fields.email,
    NAME: fields.name,
  };
  const errors = new Map<string, UserError>();
  for (const match of matches) {
    const field = fieldOf[match.reason];
    if (field && !errors.has(field)) errors.set(field, duplicateError(viewer, field, match));
  }
  if (errors.size) throw new UserErrors([...errors.values()]);
}

/** The keys of a customer's own fields; the name counts for companies only. */
export function customerKeys(c: {
  kind: string;
  nameKey: string | null;
  phoneKey: string | null;
  emailKey: string | null;
}): MatchKeys {
  return {
    phoneKeys: c.phoneKey ? [c.phoneKey] : [],
    emailKeys: c.emailKey ? [c.emailKey] : [],
    nameKeys: c.kind === 'COMPANY' && c.nameKey ? [c.nameKey] : [],
  };
}
