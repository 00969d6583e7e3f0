import type { Logger } from '@crm/config';
import { inTransaction, newId, recordAudit, type Tx } from '@crm/database';
import { customerCreated, publishEvents } from '@crm/events';
import type { DataSource } from 'typeorm';
import { closeImportGate, findKeyMatches } from '../db/customer-keys';
import { recordAudits } from '../db/audit-records';
import type { NewCustomer } from '../db/customers';
import {
  insertContacts,
  insertCustomers,
  markImportRows,
  nextValidRows,
  type RowOutcome,
  type ValidImportRow,
} from '../db/import-commit';
import { findImport, recountImport, updateImport, type CustomerImport } from '../db/imports';
import { auditView, customerSnapshot } from '../domain/customer-events';
import type { RowData } from './row-input';

export const COMMIT_BATCH = 500;

/**
 * Imports a batch in one transaction: each row's customer and contact are written together or
 * not at all. Rows whose keys reached the database since the dry run become duplicates.
 */
async function importBatch(
  tx: Tx,
  imp: CustomerImport,
  batch: ValidImportRow<RowData>[],
): Promise<void> {
  await closeImportGate(tx);
  const matches = await findKeyMatches(tx, {
    phoneKeys: batch.flatMap((r) => r.phoneKeys),
    emailKeys: batch.flatMap((r) => r.emailKeys),
    nameKeys: batch.flatMap((r) => (r.nameKey ? [r.nameKey] : [])),
  });
  const taken = new Map(matches.map((m) => [`${m.reason}:${m.key}`, m.customerId]));
  const outcomes: RowOutcome[] = [];
  const fresh: { row: ValidImportRow<RowData>; customer: NewCustomer }[] = [];
  for (const row of batch) {
    const hit = [
      ...row.phoneKeys.map((k) => taken.get(`PHONE:${k}`)),
      ...row.emailKeys.map((k) => taken.get(`EMAIL:${k}`)),
      row.nameKey ? taken.get(`NAME:${row.nameKey}`) : undefined,
    ].find(Boolean);
    if (hit) {
      outcomes.push({
        line: row.line,
        status: 'DUPLICATE',
        duplicateCustomerId: hit,
        problems: [
          {
            column: null,
            code: 'DUPLICATE',
            message: 'a customer with the same phone, email or name was created after the dry run',
          },
        ],
      });
      continue;
    }
    const c = row.data.customer;
    fresh.push({
      row,
      customer: {
        id: newId(),
        kind: c.kind,
        name: c.name,
        industry: c.industry ?? null,
        region: c.region ?? null,
        tier: c.tier ?? null,
        lifecycleStage: c.lifecycleStage,
        tags: [...new Set(c.tags)],
        phone: c.phone?.display ?? null,
        phoneKey: c.phone?.e164 ?? null,
        email: c.email ?? null,
        emailKey: c.email ?? null,
        address: c.address ?? null,
        ownerId: imp.ownerId,
        backupOwnerId: null,
        teamId: imp.teamId,
        createdBy: imp.createdBy,
        nameKey: c.nameKey,
        ownerSince: imp.ownerId ? new Date() : null,
      },
    });
  }
  const created = await insertCustomers(
    tx,
    fresh.map((f) => f.customer),
  );
  const contacts = fresh.flatMap(({ row, customer }) => {
    const k = row.data.contact;
    return k
      ? [
          {
            id: newId(),
            customerId: customer.id,
            name: k.name,
            title: k.title,
            phone: k.phone,
            phoneKey: k.phoneKey,
            email: k.email,
            emailKey: k.email,
            isPrimary: true,
            createdBy: imp.createdBy,
          },
        ]
      : [];
  });
  await insertContacts(tx, contacts);
  const contactOf = new Map(contacts.map((k) => [k.customerId, k]));
  await recordAudits(
    tx,
    created.map((customer) => ({
      actorId: imp.createdBy,
      action: 'customer.import',
      entityType: 'Customer',
      entityId: customer.id,
      after: {
        ...auditView(customer),
        importId: imp.id,
        contact: contactOf.get(customer.id) ?? null,
      },
    })),
  );
  // one outbox statement per batch: a per-row insert made the commit several times slower
  await publishEvents(
    tx,
    customerCreated,
    created.map((customer) => {
      const contact = contactOf.get(customer.id);
      return {
        ...customerSnapshot(customer),
        ...(contact
          ? {
              contactPhoneKeys: contact.phoneKey ? [contact.phoneKey] : [],
              contactEmailKeys: contact.emailKey ? [contact.emailKey] : [],
            }
          : {}),
      };
    }),
    { actorId: imp.createdBy },
  );
  fresh.forEach((f) =>
    outcomes.push({ line: f.row.line, status: 'IMPORTED', customerId: f.customer.id }),
  );
  await markImportRows(tx, imp.id, outcomes);
}

/**
 * The commit: imports the valid rows batch by batch (progress after each). A batch that fails
 * is retried row by row, so one bad row is marked FAILED with its reason and the rest import.
 * Resumable: rows already imported are no longer VALID.
 */
export async function commitImport(
  dataSource: DataSource,
  importId: string,
  logger: Logger,
): Promise<void> {
  const imp = await findImport(dataSource.manager, importId);
  if (!imp) return;
  let afterLine = 0;
  let processed = 0;
  for (;;) {
    const batch = await nextValidRows<RowData>(
      dataSource.manager,
      importId,
      afterLine,
      COMMIT_BATCH,
    );
    if (!batch.length) break;
    afterLine = batch[batch.length - 1].line;
    try {
      await inTransaction(dataSource, (tx) => importBatch(tx, imp, batch));
    } catch (err) {
      logger.warn(
        { err, importId, afterLine },
        'import batch failed; importing its rows one by one',
      );
      for (const row of batch) {
        try {
          await inTransaction(dataSource, (tx) => importBatch(tx, imp, [row]));
        } catch (rowErr) {
          await markImportRows(dataSource.manager, importId, [
            {
              line: row.line,
              status: 'FAILED',
              problems: [{ column: null, code: 'FAILED', message: (rowErr as Error).message }],
            },
          ]);
        }
      }
    }
    processed += batch.length;
    await updateImport(dataSource.manager, importId, { processedRows: processed });
  }
  await inTransaction(dataSource, async (tx) => {
    await recountImport(tx, importId);
    const done = await updateImport(tx, importId, { status: 'COMMITTED', finished: true });
    await recordAudit(tx, {
      actorId: imp.createdBy,
      action: 'import.commit',
      entityType: 'CustomerImport',
      entityId: importId,
      after: {
        imported: done.importedRows,
        failed: done.failedRows,
        duplicates: done.duplicateRows,
      },
    });
  });
}
