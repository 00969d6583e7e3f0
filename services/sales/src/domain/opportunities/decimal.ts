// Exact decimal arithmetic on money strings (scaled bigints): never a float.

/** "1234.5" -> 123450n (cents); at most two decimals expected. */
export function toCents(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, frac = ''] = (negative ? value.slice(1) : value).split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** 123450n -> "1234.50" */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** n / d rounded half away from zero (d > 0). */
export function divRound(n: bigint, d: bigint): bigint {
  const half = d / 2n;
  return n >= 0n ? (n + half) / d : -((-n + half) / d);
}

export function addDecimal(a: string, b: string): string {
  return fromCents(toCents(a) + toCents(b));
}

/** amount x probability% rounded to the cent. */
export function weightedAmount(amount: string, probability: number): string {
  return fromCents(divRound(toCents(amount) * BigInt(probability), 100n));
}
