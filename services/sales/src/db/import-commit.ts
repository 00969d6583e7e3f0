import { rows, type Tx } from '@crm/database';
import type { Contact } from './contacts';
import {
  COLUMNS,
  toCustomer,
  type Customer,
  type CustomerRow,
  type NewCustomer,
} from './customers';
import type { ImportRowStatus, RowProblem } from './imports';

export interface ValidImportRow<D = unknown> {
  line: number;
  data: D;
  nameKey: string | null;
  phoneKeys: string[];
  emailKeys: string[];
}

/** The next valid rows of an import after `afterLine`, in file order. */
export async function nextValidRows<D>(
  tx: Tx,
  importId: string,
  afterLine: number,
  limit: number,
): Promise<ValidImportRow<D>[]> {
  const found = await rows<{
    line: number;
    data: D;
    name_key: string | null;
    phone_keys: string[];
    email_keys: string[];
  }>(
    tx,
    `SELECT line, data, name_key, phone_keys, email_keys FROM customer_import_rows
     WHERE import_id = $1 AND status = 'VALID' AND line > $2 ORDER BY line LIMIT $3`,
    [importId, afterLine, limit],
  );
  return found.map((r) => ({
    line: r.line,
    data: r.data,
    nameKey: r.name_key,
    phoneKeys: r.phone_keys,
    emailKeys: r.email_keys,
  }));
}

export interface RowOutcome {
  line: number;
  status: ImportRowStatus;
  customerId?: string | null;
  duplicateCustomerId?: string | null;
  problems?: RowProblem[];
}

/** Records what happened to a batch of rows, with one statement. */
export async function markImportRows(
  tx: Tx,
  importId: string,
  outcomes: RowOutcome[],
): Promise<void> {
  if (!outcomes.length) return;
  await tx.query(
    `UPDATE customer_import_rows r SET status = x.status, customer_id = x.customer_id,
       duplicate_customer_id = coalesce(x.duplicate_customer_id, r.duplicate_customer_id),
       problems = coalesce(x.problems, r.problems)
     FROM jsonb_to_recordset($2::jsonb) AS x(line int, status text, customer_id uuid, duplicate_customer_id uuid, problems jsonb)
     WHERE r.import_id = $1 AND r.line = x.line`,
    [
      importId,
      JSON.stringify(
        outcomes.map((o) => ({
          line: o.line,
          status: o.status,
          customer_id: o.customerId ?? null,
          duplicate_customer_id: o.duplicateCustomerId ?? null,
          problems: o.problems ?? null,
        })),
      ),
    ],
  );
}

/** Inserts many customers with one statement and returns them. */
export async function insertCustomers(tx: Tx, customers: NewCustomer[]): Promise<Customer[]> {
  if (!customers.length) return [];
  const found = await rows<CustomerRow>(
    tx,
    `INSERT INTO customers AS c (id, kind, name, industry, region, tier, lifecycle_stage, tags, phone, phone_key, email, email_key,
       address, owner_id, backup_owner_id, team_id, created_by, name_key, owner_since)
     SELECT x.id, x.kind, x.name, x.industry, x.region, x.tier, x.lifecycle_stage, x.tags, x.phone, x.phone_key, x.email,
       x.email_key, x.address, x.owner_id, x.backup_owner_id, x.team_id, x.created_by, x.name_key, x.owner_since
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kind text, name text, industry text, region text, tier text,
       lifecycle_stage text, tags text[], phone text, phone_key text, email text, email_key text, address jsonb, owner_id uuid,
       backup_owner_id uuid, team_id uuid, created_by uuid, name_key text, owner_since timestamptz)
     RETURNING ${COLUMNS}`,
    [
      JSON.stringify(
        customers.map((c) => ({
          id: c.id,
          kind: c.kind,
          name: c.name,
          industry: c.industry,
          region: c.region,
          tier: c.tier,
          lifecycle_stage: c.lifecycleStage,
          tags: c.tags,
          phone: c.phone,
          phone_key: c.phoneKey,
          email: c.email,
          email_key: c.emailKey,
          address: c.address,
          owner_id: c.ownerId,
          backup_owner_id: c.backupOwnerId,
          team_id: c.teamId,
          created_by: c.createdBy,
          name_key: c.nameKey,
          owner_since: c.ownerSince,
        })),
      ),
    ],
  );
  return found.map(toCustomer);
}

/** Inserts many contacts with one statement. */
export async function insertContacts(
  tx: Tx,
  contacts: Omit<Contact, 'version' | 'createdAt' | 'updatedAt'>[],
): Promise<void> {
  if (!contacts.length) return;
  await tx.query(
    `INSERT INTO contacts (id, customer_id, name, title, phone, phone_key, email, email_key, is_primary, created_by)
     SELECT x.id, x.customer_id, x.name, x.title, x.phone, x.phone_key, x.email, x.email_key, x.is_primary, x.created_by
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, customer_id uuid, name text, title text, phone text, phone_key text,
       email text, email_key text, is_primary boolean, created_by uuid)`,
    [
      JSON.stringify(
        contacts.map((c) => ({
          id: c.id,
          customer_id: c.customerId,
          name: c.name,
          title: c.title,
          phone: c.phone,
          phone_key: c.phoneKey,
          email: c.email,
          email_key: c.emailKey,
          is_primary: c.isPrimary,
          created_by: c.createdBy,
        })),
      ),
    ],
  );
}
