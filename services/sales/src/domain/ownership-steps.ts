import type { Tx } from '@crm/database';
import { handOverPipelineOnOwnerChange } from './opportunities/pipeline-steps';

export interface OwnershipChange {
  customerIds: string[];
  /** The previous owner of all these customers (null: they came from the public pool). */
  fromOwnerId: string | null;
  /** Null: they went to the public pool. */
  toOwnerId: string | null;
  /** Null when the system moved them (pool return, hand-over). */
  actorId: string | null;
}

/** What else follows a customer to its new owner (e.g. open tasks). */
export type OwnershipStep = (tx: Tx, change: OwnershipChange) => Promise<void>;

/**
 * Run inside the transaction of every ownership change (transfer, hand-over of a deactivated
 * rep, pool return, release, claim), once per previous owner. Other sales areas append here.
 */
export const ownershipSteps: OwnershipStep[] = [];

// Open tasks and open opportunities follow the customer to its new owner.
ownershipSteps.push(handOverPipelineOnOwnerChange);
