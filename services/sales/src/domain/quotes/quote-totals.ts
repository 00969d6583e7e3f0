import { newId, type Tx } from '@crm/database';
import { replaceQuoteLines, type Quote } from '../../db/quotes';
import { pipelineRules } from '../../env';
import { needsApproval, quoteTotals } from './quote-math';
import type { QuoteLineInput } from './quote-inputs';

type Priced = Pick<
  Quote,
  'listTotal' | 'subtotal' | 'total' | 'effectiveDiscountPercent' | 'requiresApproval'
>;

/** Prices the lines (replacing the stored ones) and says whether the quote needs approval. */
export async function priceQuote(
  tx: Tx,
  quoteId: string,
  lines: readonly QuoteLineInput[],
  discountPercent: string,
): Promise<Priced> {
  const totals = quoteTotals(lines, discountPercent);
  await replaceQuoteLines(
    tx,
    quoteId,
    lines.map((l, i) => ({
      id: newId(),
      position: i + 1,
      productName: l.productName,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      lineTotal: totals.lineTotals[i],
    })),
  );
  const rules = pipelineRules();
  return {
    listTotal: totals.listTotal,
    subtotal: totals.subtotal,
    total: totals.total,
    effectiveDiscountPercent: totals.effectiveDiscountPercent,
    requiresApproval: needsApproval(totals, {
      discountPercent: rules.QUOTE_APPROVAL_DISCOUNT_PERCENT,
      amount: rules.QUOTE_APPROVAL_AMOUNT,
    }),
  };
}
