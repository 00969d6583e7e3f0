import {
  CustomerReplicaMerges1765300000000,
  CustomerReplicaTable1700000000002,
} from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxHousekeeping1764600000000, OutboxInboxTables1700000000000 } from '@crm/events';
import { ReadModels1733300000000 } from './1733300000000-read-models';
import { ReportFacts1765100000000 } from './1765100000000-report-facts';
import { HealthHistory1765100000001 } from './1765100000001-health-history';

export const migrations = [
  OutboxInboxTables1700000000000,
  OutboxHousekeeping1764600000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  ReadModels1733300000000,
  ReportFacts1765100000000,
  HealthHistory1765100000001,
  CustomerReplicaMerges1765300000000,
];
