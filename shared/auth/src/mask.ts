/**
 * Hides the four digits before the last four: 13812345678 -> 138****5678,
 * +8613812345678 -> +86138****5678, 021-62345678 -> 021****5678. Short numbers keep only the
 * last two digits.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const plus = phone.trim().startsWith('+') ? '+' : '';
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8)
    return `${plus}${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
  return `${plus}${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
}

/** zhang.san@example.com -> z***@example.com */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
