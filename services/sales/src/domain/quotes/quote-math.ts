import { divRound, fromCents, toCents } from '../opportunities/decimal';

// Quote arithmetic in scaled integers: quantities in 1/10000, prices in cents, percentages in
// 1/100 of a percent. Each line is rounded to the cent, then the quote-level discount applies.

export interface LineInput {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

export interface Totals {
  lineTotals: string[];
  /** Quantity x unit price, before any discount. */
  listTotal: string;
  /** Sum of the discounted lines. */
  subtotal: string;
  /** After the quote-level discount. */
  total: string;
  /** (listTotal - total) / listTotal, in percent with two decimals. */
  effectiveDiscountPercent: string;
}

/** "12.5" -> 125000n with `digits` decimals kept. */
function scaled(value: string, digits: number): bigint {
  const [whole, frac = ''] = value.split('.');
  return (
    BigInt(whole || '0') * 10n ** BigInt(digits) +
    BigInt(frac.padEnd(digits, '0').slice(0, digits) || '0')
  );
}

const percentText = (basisPoints: bigint) => fromCents(basisPoints);

export function quoteTotals(lines: readonly LineInput[], quoteDiscountPercent: string): Totals {
  let list = 0n;
  let subtotal = 0n;
  const lineTotals: string[] = [];
  for (const line of lines) {
    const qty = scaled(line.quantity, 4);
    const price = toCents(line.unitPrice);
    const keep = 10_000n - scaled(line.discountPercent, 2);
    list += divRound(qty * price, 10_000n);
    const total = divRound(qty * price * keep, 10_000n * 10_000n);
    subtotal += total;
    lineTotals.push(fromCents(total));
  }
  const total = divRound(subtotal * (10_000n - scaled(quoteDiscountPercent, 2)), 10_000n);
  const effective = list === 0n ? 0n : divRound((list - total) * 10_000n, list);
  return {
    lineTotals,
    listTotal: fromCents(list),
    subtotal: fromCents(subtotal),
    total: fromCents(total),
    effectiveDiscountPercent: percentText(effective),
  };
}

/** Above either threshold (strictly) a quote needs a manager's approval. */
export function needsApproval(
  totals: Totals,
  thresholds: { discountPercent: string; amount: string },
): boolean {
  return (
    scaled(totals.effectiveDiscountPercent, 2) > scaled(thresholds.discountPercent, 2) ||
    toCents(totals.total) > toCents(thresholds.amount)
  );
}
