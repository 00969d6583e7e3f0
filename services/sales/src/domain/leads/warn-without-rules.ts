import type { Logger } from '@crm/config';
import type { Tx } from '@crm/database';
import { countActiveLeadRules } from '../../db/lead-rules';

/**
 * Said at start: without an active assignment rule every qualified lead waits UNASSIGNED in the
 * managers' queue (`unassignedLeads`) until someone assigns it by hand.
 */
export async function warnWithoutLeadRules(tx: Tx, logger: Logger): Promise<boolean> {
  if ((await countActiveLeadRules(tx)) > 0) return false;
  logger.warn(
    'no active lead-assignment rule: qualified leads stay UNASSIGNED until a sales manager assigns them (saveLeadAssignmentRule adds a rule)',
  );
  return true;
}
