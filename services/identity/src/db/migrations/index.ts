import { AuditTable1700000000001 } from '@crm/database';
import { OutboxInboxTables1700000000000 } from '@crm/events';
import { IdentityTables1732400000000 } from './1732400000000-identity-tables';

export const migrations = [
  OutboxInboxTables1700000000000,
  AuditTable1700000000001,
  IdentityTables1732400000000,
];
