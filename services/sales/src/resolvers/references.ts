import type { QuoteLine } from '../db/quotes';

/** What the sales subgraph knows of an employee (origin identity): the key. */
export interface EmployeeRef {
  id: string;
}

/** What the sales subgraph knows of a lead (origin marketing): the key. */
export interface LeadRef {
  id: string;
}

/** What the sales subgraph knows of a team (origin identity): the key. */
export interface TeamRef {
  id: string;
}

/** A team reference for the gateway (null without a team). */
export const team = (id: string | null): TeamRef | null =>
  id ? ({ __typename: 'Team', id } as TeamRef) : null;

/** A quote line with its quote's currency, for its Money fields. */
export type PricedQuoteLine = QuoteLine & { currency: string };

/** An employee reference for the gateway (null when there is nobody). */
export function employee(id: string): EmployeeRef;
export function employee(id: string | null): EmployeeRef | null;
export function employee(id: string | null): EmployeeRef | null {
  return id ? ({ __typename: 'Employee', id } as EmployeeRef) : null;
}
