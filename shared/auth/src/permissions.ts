import { ROLES, type Role } from './roles';
import type { Viewer } from './viewer';

/**
 * How far a permission reaches: every record, the records of teams the viewer manages, the
 * viewer's own records (for sales: owned or backed up, plus the unowned public pool), or none.
 */
export type Scope = 'all' | 'team' | 'own' | 'none';

const SCOPE_RANK: Record<Scope, number> = { none: 0, own: 1, team: 2, all: 3 };

/**
 * The permission table, as data: permission -> role -> scope. A role missing from a row has no
 * access. Each owning service enforces its rows; tests check them role by role.
 */
export const PERMISSIONS = {
  /** See customers (profile, owner, tier...). */
  'customers.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    SERVICE_MANAGER: 'all',
    SERVICE_AGENT: 'all',
    PRODUCT_MANAGER: 'all',
    ANALYST: 'all',
    INTEGRATION: 'all',
  },
  /** Create and change customers and their contacts. */
  'customers.write': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team', SALES_REP: 'own' },
  /** See phone numbers and emails unmasked. */
  'customers.contact': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    SERVICE_MANAGER: 'all',
    SERVICE_AGENT: 'all',
    INTEGRATION: 'all',
  },
  /** Merge duplicate customers and review the duplicate candidates. */
  'customers.merge': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team' },
  /** Give customers to another owner (single or bulk), or to the public pool. */
  'customers.transfer': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team' },
  /** Claim customers from the public pool and release one's own to it. */
  'customers.claim': { ADMIN: 'all', SALES_MANAGER: 'team', SALES_REP: 'own' },
  /** Public-pool rules (follow-up days, claim limit, cooling-off) and the hand-over setting of a team. */
  'sales.settings': { ADMIN: 'all', SALES_MANAGER: 'team' },
  /** Read the audit log of a service. */
  'audit.read': { ADMIN: 'all' },
  /** See the employee directory. */
  'employees.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SALES_MANAGER: 'all',
    SALES_REP: 'all',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    SERVICE_MANAGER: 'all',
    SERVICE_AGENT: 'all',
    PRODUCT_MANAGER: 'all',
    ANALYST: 'all',
    INTEGRATION: 'all',
  },
  /** Create, change and deactivate employees and teams. */
  'employees.manage': { ADMIN: 'all' },
  /** Customer-service tickets. */
  'tickets.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SERVICE_MANAGER: 'all',
    SERVICE_AGENT: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    PRODUCT_MANAGER: 'all',
    ANALYST: 'all',
    INTEGRATION: 'all',
  },
  'tickets.write': { ADMIN: 'all', SERVICE_MANAGER: 'all', SERVICE_AGENT: 'all' },
  /** The support desk's setup: SLA policies, business calendars, agents' dispatch profiles. */
  'desk.configure': { ADMIN: 'all', SERVICE_MANAGER: 'all' },
  /** Product feedback items. */
  'feedback.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    PRODUCT_MANAGER: 'all',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    SERVICE_MANAGER: 'all',
    SERVICE_AGENT: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    ANALYST: 'all',
    INTEGRATION: 'all',
  },
  'feedback.write': {
    ADMIN: 'all',
    PRODUCT_MANAGER: 'all',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    SERVICE_MANAGER: 'all',
    SERVICE_AGENT: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
  },
  /** Move feedback through product's triage (triaged, planned, done, declined). */
  'feedback.triage': { ADMIN: 'all', PRODUCT_MANAGER: 'all' },
  /** Marketing's view of customers (tags) and its own records. */
  'marketing.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    ANALYST: 'all',
    INTEGRATION: 'all',
  },
  'marketing.write': { ADMIN: 'all', MARKETING_MANAGER: 'all', MARKETER: 'all' },
  /** Marketing leads' phone, email and name unmasked (own/team: leads assigned to the viewer or the teams they manage). */
  'marketing.contact': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    INTEGRATION: 'all',
  },
  /** Scoring rules and the qualification threshold. */
  'marketing.configure': { ADMIN: 'all', MARKETING_MANAGER: 'all' },
  /** Campaign budgets and costs, attribution, performance and ROI by campaign and channel. */
  'marketing.reports': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    MARKETING_MANAGER: 'all',
    MARKETER: 'all',
    ANALYST: 'all',
    INTEGRATION: 'all',
  },
  /** KPIs, health scores and alerts. */
  'analytics.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    ANALYST: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    SERVICE_MANAGER: 'all',
    MARKETING_MANAGER: 'all',
    PRODUCT_MANAGER: 'all',
    INTEGRATION: 'all',
  },
  /** Sales opportunities and quotes (own: the viewer's; team: the teams they manage). */
  'opportunities.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    ANALYST: 'all',
  },
  'opportunities.write': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
  },
  /** Change the pipeline's stages (order, win probability, closed flags). */
  'pipeline.configure': { ADMIN: 'all' },
  /** Approve or reject quotes above the discount or amount thresholds. */
  'quotes.approve': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team' },
  /** Activities and tasks (follow-ups) and a person's agenda. */
  'followups.read': {
    ADMIN: 'all',
    EXECUTIVE: 'all',
    SALES_MANAGER: 'team',
    SALES_REP: 'own',
    ANALYST: 'all',
  },
  'followups.write': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team', SALES_REP: 'own' },
  /** Qualified leads handed to sales: own = assigned to the viewer, team = the teams they manage. */
  'leads.read': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team', SALES_REP: 'own' },
  /** Contact, convert or disqualify a lead. */
  'leads.write': { ADMIN: 'all', EXECUTIVE: 'all', SALES_MANAGER: 'team', SALES_REP: 'own' },
  /** Assignment rules and manual (re)assignment of leads. */
  'leads.assign': { ADMIN: 'all', SALES_MANAGER: 'team' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Permission = keyof typeof PERMISSIONS;

/** The widest scope any of the viewer's roles grants. */
export function scopeOf(viewer: Viewer | null | undefined, permission: Permission): Scope {
  if (!viewer) return 'none';
  const row: Partial<Record<Role, Scope>> = PERMISSIONS[permission];
  let best: Scope = 'none';
  for (const role of viewer.roles) {
    const scope = row[role] ?? 'none';
    if (SCOPE_RANK[scope] > SCOPE_RANK[best]) best = scope;
  }
  return best;
}

export function can(viewer: Viewer | null | undefined, permission: Permission): boolean {
  return scopeOf(viewer, permission) !== 'none';
}

/** Roles granted a permission at any scope (for docs and tests). */
export function rolesWith(permission: Permission): Role[] {
  const row: Partial<Record<Role, Scope>> = PERMISSIONS[permission];
  return ROLES.filter((r) => (row[r] ?? 'none') !== 'none');
}
