import {
  CustomerReplicaMerges1765300000000,
  CustomerReplicaTable1700000000002,
} from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxHousekeeping1764600000000, OutboxInboxTables1700000000000 } from '@crm/events';
import { MarketingTables1732600000000 } from './1732600000000-marketing-tables';
import { AnchoredRateWindows1764700000000 } from './1764700000000-anchored-rate-windows';

export const migrations = [
  OutboxInboxTables1700000000000,
  OutboxHousekeeping1764600000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  MarketingTables1732600000000,
  AnchoredRateWindows1764700000000,
  CustomerReplicaMerges1765300000000,
];
