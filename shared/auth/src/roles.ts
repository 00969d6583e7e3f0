export const ROLES = [
  'ADMIN',
  'EXECUTIVE',
  'SALES_MANAGER',
  'SALES_REP',
  'MARKETING_MANAGER',
  'MARKETER',
  'SERVICE_MANAGER',
  'SERVICE_AGENT',
  'PRODUCT_MANAGER',
  'ANALYST',
  'INTEGRATION',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
