import type { Viewer } from '@crm/auth';
import { newId, recordAudit, type Tx } from '@crm/database';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { findLinesOfQuotes, findQuote, insertQuote, saveQuote, type Quote } from '../../db/quotes';
import { findOpportunity } from '../../db/opportunities';
import { customerForPipeline } from '../opportunities/create-opportunity';
import { mayReach } from '../opportunities/scope';
import { fail, mutationUseCase } from '../opportunities/use-case';
import { createQuoteInput, updateQuoteInput } from './quote-inputs';
import { priceQuote } from './quote-totals';

export const quoteGuard = {
  permission: 'opportunities.write',
  denied: 'your roles cannot work on quotes',
} as const;

export function createQuote(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof createQuoteInput>,
): Promise<Result<Quote>> {
  return mutationUseCase(
    dataSource,
    viewer,
    quoteGuard,
    createQuoteInput,
    raw,
    async (tx, input) => {
      const { customer, ownerId, teamId } = await customerForPipeline(tx, viewer, input.customerId);
      if (!mayReach(viewer, 'opportunities.write', { ownerId, teamId }))
        fail('customerId', 'FORBIDDEN', 'customerId: the customer is outside your scope');
      if (input.opportunityId) {
        const o = await findOpportunity(tx, input.opportunityId);
        if (!o || o.customerId !== customer.id)
          fail('opportunityId', 'NOT_FOUND', 'opportunityId: no such opportunity of this customer');
      }
      const id = newId();
      // Lines reference the quote: insert it with zero totals, then price it.
      const draft = await insertQuote(tx, {
        id,
        customerId: customer.id,
        opportunityId: input.opportunityId ?? null,
        title: input.title,
        currency: input.currency,
        status: 'DRAFT',
        discountPercent: input.discountPercent,
        listTotal: '0',
        subtotal: '0',
        total: '0',
        effectiveDiscountPercent: '0',
        requiresApproval: false,
        validUntil: input.validUntil ?? null,
        ownerId,
        teamId,
        createdBy: viewer.id,
      });
      const quote = await saveQuote(tx, {
        ...draft,
        ...(await priceQuote(tx, id, input.lines, input.discountPercent)),
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'quote.create',
        entityType: 'Quote',
        entityId: id,
        after: { ...quote, lines: await findLinesOfQuotes(tx, [id]) },
      });
      return quote;
    },
  );
}

/** Locks a quote the viewer may change (owner's scope), or stops with a user error. */
export async function quoteToChange(tx: Tx, viewer: Viewer, id: string): Promise<Quote> {
  const quote = await findQuote(tx, id, true);
  if (!quote || !mayReach(viewer, 'opportunities.read', quote))
    return fail('id', 'NOT_FOUND', `id: no quote ${id} that you can see`);
  if (!mayReach(viewer, 'opportunities.write', quote))
    fail('id', 'FORBIDDEN', 'id: you can only change quotes in your scope');
  return quote;
}

export const immutableQuoteStates: Record<string, string> = {
  APPROVED: 'the quote is approved and can no longer change; create a new quote instead',
  PENDING_APPROVAL: 'the quote is waiting for approval; it can change after the decision',
};

/** Changes a draft or rejected quote (a rejected one becomes a draft again); re-prices it. */
export function updateQuote(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof updateQuoteInput>,
): Promise<Result<Quote>> {
  return mutationUseCase(
    dataSource,
    viewer,
    quoteGuard,
    updateQuoteInput,
    raw,
    async (tx, input) => {
      const before = await quoteToChange(tx, viewer, input.id);
      if (immutableQuoteStates[before.status])
        fail('id', 'INVALID_TRANSITION', `id: ${immutableQuoteStates[before.status]}`);
      const beforeLines = await findLinesOfQuotes(tx, [before.id]);
      const discountPercent = input.discountPercent ?? before.discountPercent;
      const lines = input.lines ?? beforeLines;
      const after = await saveQuote(tx, {
        ...before,
        title: input.title ?? before.title,
        discountPercent,
        validUntil: input.validUntil === undefined ? before.validUntil : input.validUntil,
        status: 'DRAFT',
        ...(await priceQuote(tx, before.id, lines, discountPercent)),
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'quote.update',
        entityType: 'Quote',
        entityId: after.id,
        before: { ...before, lines: beforeLines },
        after: { ...after, lines: await findLinesOfQuotes(tx, [after.id]) },
      });
      return after;
    },
  );
}
