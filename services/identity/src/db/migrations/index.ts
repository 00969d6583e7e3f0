import { AuditTable1700000000001 } from '@crm/database';
import { OutboxHousekeeping1764600000000, OutboxInboxTables1700000000000 } from '@crm/events';
import { IdentityTables1732400000000 } from './1732400000000-identity-tables';
import { LoginThrottle1765100000000 } from './1765100000000-login-throttle';
import { RefreshTokens1765100000001 } from './1765100000001-refresh-tokens';

export const migrations = [
  OutboxInboxTables1700000000000,
  OutboxHousekeeping1764600000000,
  AuditTable1700000000001,
  IdentityTables1732400000000,
  LoginThrottle1765100000000,
  RefreshTokens1765100000001,
];
