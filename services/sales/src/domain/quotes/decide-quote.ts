import { scopeOf, type Viewer } from '@crm/auth';
import { recordAudit, type Tx } from '@crm/database';
import { publishEvent, quoteApproved, quoteRejected, quoteSubmitted } from '@crm/events';
import type { Result } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { findQuote, saveQuote, type Quote } from '../../db/quotes';
import { mayReach } from '../opportunities/scope';
import { fail, mutationUseCase } from '../opportunities/use-case';
import { decideQuoteInput, quoteIdInput } from './quote-inputs';
import { immutableQuoteStates, quoteGuard, quoteToChange } from './save-quote';

const facts = (q: Quote) => ({
  quoteId: q.id,
  customerId: q.customerId,
  opportunityId: q.opportunityId,
  ownerId: q.ownerId,
  teamId: q.teamId,
  total: { amount: q.total, currency: q.currency },
  discountPercent: q.effectiveDiscountPercent,
});

async function audited(tx: Tx, viewer: Viewer, action: string, before: Quote, after: Quote) {
  await recordAudit(tx, {
    actorId: viewer.id,
    action,
    entityType: 'Quote',
    entityId: after.id,
    before,
    after,
  });
}

/**
 * Submits a draft: within the thresholds it is approved at once (automatic); above them it waits
 * for a manager (PENDING_APPROVAL, quote.submitted).
 */
export function submitQuote(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof quoteIdInput>,
): Promise<Result<Quote>> {
  return mutationUseCase(dataSource, viewer, quoteGuard, quoteIdInput, raw, async (tx, { id }) => {
    const before = await quoteToChange(tx, viewer, id);
    if (immutableQuoteStates[before.status])
      fail('id', 'INVALID_TRANSITION', `id: ${immutableQuoteStates[before.status]}`);
    const now = new Date();
    const submitted = {
      ...before,
      submittedBy: viewer.id,
      submittedAt: now,
      decisionComment: null,
    };
    const meta = { actorId: viewer.id };
    if (!before.requiresApproval) {
      const after = await saveQuote(tx, {
        ...submitted,
        status: 'APPROVED',
        decidedBy: null,
        decidedAt: now,
      });
      await audited(tx, viewer, 'quote.approve', before, after);
      await publishEvent(
        tx,
        quoteApproved,
        { ...facts(after), approvedBy: null, automatic: true, approvedAt: now.toISOString() },
        meta,
      );
      return after;
    }
    const after = await saveQuote(tx, {
      ...submitted,
      status: 'PENDING_APPROVAL',
      decidedBy: null,
      decidedAt: null,
    });
    await audited(tx, viewer, 'quote.submit', before, after);
    await publishEvent(
      tx,
      quoteSubmitted,
      { ...facts(after), submittedBy: viewer.id, submittedAt: now.toISOString() },
      meta,
    );
    return after;
  });
}

const approverGuard = {
  permission: 'quotes.approve',
  denied: 'only sales managers, executives and admins approve quotes',
} as const;

/**
 * A pending quote the viewer may decide: a manager of the owner's team, an executive or an
 * admin, never its owner nor whoever submitted it (no one approves their own quote).
 */
async function quoteToDecide(tx: Tx, viewer: Viewer, id: string): Promise<Quote> {
  const quote = await findQuote(tx, id, true);
  if (!quote || !mayReach(viewer, 'opportunities.read', quote))
    return fail('id', 'NOT_FOUND', `id: no quote ${id} that you can see`);
  const scope = scopeOf(viewer, 'quotes.approve');
  const reaches =
    scope === 'all' || (quote.teamId !== null && viewer.managedTeamIds.includes(quote.teamId));
  if (!reaches || quote.ownerId === viewer.id || quote.submittedBy === viewer.id)
    fail(
      'id',
      'FORBIDDEN',
      "id: only a manager of the owner's team, an executive or an admin can decide, and not on a quote they own or submitted",
    );
  if (quote.status !== 'PENDING_APPROVAL')
    fail(
      'id',
      'INVALID_TRANSITION',
      `id: the quote is ${quote.status.toLowerCase().replace('_', ' ')}, not waiting for approval`,
    );
  return quote;
}

export function decideQuote(
  dataSource: DataSource,
  viewer: Viewer,
  raw: z.input<typeof decideQuoteInput>,
  decision: 'APPROVED' | 'REJECTED',
): Promise<Result<Quote>> {
  return mutationUseCase(
    dataSource,
    viewer,
    approverGuard,
    decideQuoteInput,
    raw,
    async (tx, input) => {
      const before = await quoteToDecide(tx, viewer, input.id);
      const comment = input.comment ?? null;
      if (decision === 'REJECTED' && !comment)
        fail('comment', 'REQUIRED', 'comment: say why the quote is rejected');
      const now = new Date();
      const after = await saveQuote(tx, {
        ...before,
        status: decision,
        decidedBy: viewer.id,
        decidedAt: now,
        decisionComment: comment,
      });
      const meta = { actorId: viewer.id };
      if (decision === 'APPROVED') {
        await audited(tx, viewer, 'quote.approve', before, after);
        await publishEvent(
          tx,
          quoteApproved,
          {
            ...facts(after),
            approvedBy: viewer.id,
            automatic: false,
            approvedAt: now.toISOString(),
          },
          meta,
        );
      } else {
        await audited(tx, viewer, 'quote.reject', before, after);
        await publishEvent(
          tx,
          quoteRejected,
          {
            ...facts(after),
            rejectedBy: viewer.id,
            comment: comment ?? '',
            rejectedAt: now.toISOString(),
          },
          meta,
        );
      }
      return after;
    },
  );
}
