import { rows, type Tx } from '@crm/database';

export interface Contact {
  id: string;
  customerId: string;
  name: string;
  title: string | null;
  phone: string | null;
  phoneKey: string | null;
  email: string | null;
  emailKey: string | null;
  isPrimary: boolean;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ContactRow {
  id: string;
  customer_id: string;
  name: string;
  title: string | null;
  phone: string | null;
  phone_key: string | null;
  email: string | null;
  email_key: string | null;
  is_primary: boolean;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, customer_id, name, title, phone, phone_key, email, email_key, is_primary, version, created_by, created_at, updated_at';

const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  customerId: r.customer_id,
  name: r.name,
  title: r.title,
  phone: r.phone,
  phoneKey: r.phone_key,
  email: r.email,
  emailKey: r.email_key,
  isPrimary: r.is_primary,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Contacts of many customers in one query: primary first, then in the order they were added. */
export async function findContactsOfCustomers(
  tx: Tx,
  customerIds: readonly string[],
): Promise<Contact[]> {
  const found = await rows<ContactRow>(
    tx,
    `SELECT ${COLUMNS} FROM contacts WHERE customer_id = ANY($1::uuid[])
     ORDER BY customer_id, is_primary DESC, created_at, id`,
    [customerIds],
  );
  return found.map(toContact);
}

export async function findContact(tx: Tx, id: string): Promise<Contact | null> {
  const found = await rows<ContactRow>(tx, `SELECT ${COLUMNS} FROM contacts WHERE id = $1`, [id]);
  return found[0] ? toContact(found[0]) : null;
}

export type NewContact = Omit<Contact, 'version' | 'createdAt' | 'updatedAt'>;

export async function insertContact(tx: Tx, c: NewContact): Promise<Contact> {
  const found = await rows<ContactRow>(
    tx,
    `INSERT INTO contacts (id, customer_id, name, title, phone, phone_key, email, email_key, is_primary, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [
      c.id,
      c.customerId,
      c.name,
      c.title,
      c.phone,
      c.phoneKey,
      c.email,
      c.emailKey,
      c.isPrimary,
      c.createdBy,
    ],
  );
  return toContact(found[0]);
}

export async function saveContact(tx: Tx, c: Contact): Promise<Contact> {
  const found = await rows<ContactRow>(
    tx,
    `UPDATE contacts SET name = $2, title = $3, phone = $4, phone_key = $5, email = $6, email_key = $7,
       is_primary = $8, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [c.id, c.name, c.title, c.phone, c.phoneKey, c.email, c.emailKey, c.isPrimary],
  );
  return toContact(found[0]);
}

export async function deleteContact(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM contacts WHERE id = $1', [id]);
}

/** Makes room for a new primary contact. */
export async function clearPrimaryContact(tx: Tx, customerId: string): Promise<void> {
  await tx.query(
    'UPDATE contacts SET is_primary = false, updated_at = now() WHERE customer_id = $1 AND is_primary',
    [customerId],
  );
}

/** The customer's other contacts with one of these phone or email keys. */
export async function findSiblingContacts(
  tx: Tx,
  customerId: string,
  keys: { phoneKey: string | null; emailKey: string | null },
  excludeContactId: string | null,
): Promise<Contact[]> {
  const found = await rows<ContactRow>(
    tx,
    `SELECT ${COLUMNS} FROM contacts WHERE customer_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)
       AND (phone_key = $3 OR email_key = $4) ORDER BY created_at`,
    [customerId, excludeContactId, keys.phoneKey, keys.emailKey],
  );
  return found.map(toContact);
}

/** Matching keys of all the customer's contacts (for the customer event). */
export async function contactKeysOf(
  tx: Tx,
  customerId: string,
): Promise<{ contactPhoneKeys: string[]; contactEmailKeys: string[] }> {
  const [keys] = await rows<{ phones: string[]; emails: string[] }>(
    tx,
    `SELECT coalesce(array_agg(DISTINCT phone_key) FILTER (WHERE phone_key IS NOT NULL), '{}') AS phones,
            coalesce(array_agg(DISTINCT email_key) FILTER (WHERE email_key IS NOT NULL), '{}') AS emails
     FROM contacts WHERE customer_id = $1`,
    [customerId],
  );
  return { contactPhoneKeys: keys.phones, contactEmailKeys: keys.emails };
}

/** Whether the customer has any contact yet (the first one becomes the primary). */
export async function countContacts(tx: Tx, customerId: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    'SELECT count(*)::int AS n FROM contacts WHERE customer_id = $1',
    [customerId],
  );
  return n;
}
