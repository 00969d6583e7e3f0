import { CustomerReplicaTable1700000000002 } from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxInboxTables1700000000000 } from '@crm/events';
import { FeedbackItems1733200000000 } from './1733200000000-feedback-items';

export const migrations = [
  OutboxInboxTables1700000000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  FeedbackItems1733200000000,
];
