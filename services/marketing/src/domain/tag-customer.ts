import { type Viewer } from '@crm/auth';
import { findCustomerReplicas } from '@crm/customer-replica';
import { recordAudit } from '@crm/database';
import { parseInput, transactionally, type InputOf, type Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { idField } from './input-fields';
import { changeCustomerTags, findCustomerTags } from '../db/customer-tags';
import { tagsField } from './lead-inputs';
import { mayWriteMarketing, notFound } from './guards';

export const tagCustomerInput = z
  .object({
    customerId: idField,
    add: tagsField.default([]),
    remove: tagsField.default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, {
    path: ['add'],
    message: 'give tags to add or to remove',
  });

/** Marketing's own tags on a customer (interests, events attended); sales' `tags` are separate. */
export async function tagCustomer(
  dataSource: DataSource,
  viewer: Viewer,
  raw: InputOf<typeof tagCustomerInput>,
): Promise<Result<{ id: string; marketingTags: string[] }>> {
  mayWriteMarketing(viewer, 'tag customers');
  const parsed = parseInput(tagCustomerInput, raw);
  if (!parsed.ok) return parsed;
  const { customerId, add, remove } = parsed.value;
  return transactionally(dataSource, async (tx) => {
    const [known] = await findCustomerReplicas(tx, [customerId]);
    if (!known) throw notFound('customerId', 'customer', customerId);
    const [before] = await findCustomerTags(tx, [customerId]);
    const tags = await changeCustomerTags(tx, customerId, add, remove);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'customer.marketing_tags',
      entityType: 'Customer',
      entityId: customerId,
      before: { marketingTags: before?.tags ?? [] },
      after: { marketingTags: tags },
    });
    return { id: customerId, marketingTags: tags };
  });
}
