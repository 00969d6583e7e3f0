/** 13812345678 -> 138****5678; +8613812345678 -> +86138****5678. Keeps the first 3 and last 4 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const match = /^(\+\d{1,3})?(.*)$/.exec(phone.replace(/[\s-]/g, ''));
  const prefix = match?.[1] ?? '';
  const rest = match?.[2] ?? '';
  if (rest.length <= 7) return `${prefix}${'*'.repeat(rest.length)}`;
  return `${prefix}${rest.slice(0, 3)}${'*'.repeat(rest.length - 7)}${rest.slice(-4)}`;
}

/** zhang.san@example.com -> z***@example.com */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
