import { CustomerReplicaTable1700000000002 } from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxInboxTables1700000000000 } from '@crm/events';
import { MarketingTables1732600000000 } from './1732600000000-marketing-tables';

export const migrations = [
  OutboxInboxTables1700000000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  MarketingTables1732600000000,
];
