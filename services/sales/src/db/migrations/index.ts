import { AuditTable1700000000001 } from '@crm/database';
import { OutboxHousekeeping1764600000000, OutboxInboxTables1700000000000 } from '@crm/events';
import { FinishedJobsIndex1765300000001, ScheduledJobsTable1700000000003 } from '@crm/scheduler';
import { SalesTables1732500000000 } from './1732500000000-sales-tables';
import { CustomerRecords1732600000000 } from './1732600000000-customer-records';
import { CustomerImports1732600000001 } from './1732600000001-customer-imports';
import { PipelineTables1732700000000 } from './1732700000000-pipeline-tables';
import { FollowUpTables1732700000001 } from './1732700000001-followup-tables';
import { QuoteTables1732700000002 } from './1732700000002-quote-tables';
import { LeadAssignmentTables1732700000003 } from './1732700000003-lead-assignment-tables';
import { CustomerNameSearch1732800000000 } from './1732800000000-customer-name-search';

export const migrations = [
  OutboxInboxTables1700000000000,
  OutboxHousekeeping1764600000000,
  AuditTable1700000000001,
  SalesTables1732500000000,
  CustomerRecords1732600000000,
  CustomerImports1732600000001,
  ScheduledJobsTable1700000000003,
  PipelineTables1732700000000,
  FollowUpTables1732700000001,
  QuoteTables1732700000002,
  LeadAssignmentTables1732700000003,
  CustomerNameSearch1732800000000,
  FinishedJobsIndex1765300000001,
];
