import { CustomerReplicaTable1700000000002 } from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxInboxTables1700000000000 } from '@crm/events';
import { ReadModels1733300000000 } from './1733300000000-read-models';

export const migrations = [
  OutboxInboxTables1700000000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  ReadModels1733300000000,
];
