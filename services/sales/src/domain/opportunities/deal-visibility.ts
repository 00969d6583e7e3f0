import { reaches, scopeOf, type Ownership, type Viewer } from '@crm/auth';
import { mayReach, type Assigned } from './scope';

/**
 * Who sees an opportunity: its owner and their managers (opportunities.read), and whoever holds
 * the customer now (its owner or backup owner, the managers of the customer's team, executives):
 * a customer handed to a new rep brings its whole deal history along, read-only for deals the new
 * rep does not own. A customer in the public pool brings none: its deals stay with their owners.
 */
export function maySeeDeal(viewer: Viewer, deal: Assigned, customer: Ownership | null): boolean {
  if (mayReach(viewer, 'opportunities.read', deal)) return true;
  const scope = scopeOf(viewer, 'opportunities.read');
  return !!customer && customer.ownerId !== null && reaches(viewer, scope, customer);
}
