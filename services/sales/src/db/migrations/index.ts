import { AuditTable1700000000001 } from '@crm/database';
import { OutboxInboxTables1700000000000 } from '@crm/events';
import { SalesTables1732500000000 } from './1732500000000-sales-tables';

export const migrations = [
  OutboxInboxTables1700000000000,
  AuditTable1700000000001,
  SalesTables1732500000000,
];
