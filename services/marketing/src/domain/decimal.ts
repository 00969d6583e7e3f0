// Exact decimal arithmetic on strings (money, ROI) with BigInt: no floats anywhere.

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function parse(value: string): Scaled {
  if (!DECIMAL.test(value)) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

function rescale(v: Scaled, scale: number): bigint {
  return v.units * pow10(scale - v.scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale ? `.${fraction}` : ''}`;
}

export function addDecimal(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format(rescale(x, scale) + rescale(y, scale), scale);
}

export function subtractDecimal(a: string, b: string): string {
  return addDecimal(a, b.startsWith('-') ? b.slice(1) : `-${b}`);
}

/** a / b to `places` decimals, rounded half away from zero; null when b is zero. */
export function divideDecimal(a: string, b: string, places: number): string | null {
  const x = parse(a);
  const y = parse(b);
  if (y.units === 0n) return null;
  // a / b = (x.units / 10^x.scale) / (y.units / 10^y.scale); scaled by 10^places
  const numerator = x.units * pow10(y.scale + places);
  const denominator = y.units * pow10(x.scale);
  let quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (2n * abs(remainder) >= abs(denominator)) {
    quotient += numerator < 0n !== denominator < 0n ? -1n : 1n;
  }
  return format(quotient, places);
}

export function sumDecimals(values: string[]): string {
  return values.reduce((sum, v) => addDecimal(sum, v), '0');
}

/** Fixed number of decimals (e.g. money with 2), rounding half away from zero. */
export function roundDecimal(value: string, places: number): string {
  return divideDecimal(value, '1', places) ?? value;
}

/** Money as people read it: at least 2 decimals (2500 -> 2500.00), never rounded. */
export function moneyAmount(value: string): string {
  const { units, scale } = parse(value);
  return scale >= 2 ? value : format(units * pow10(2 - scale), 2);
}
