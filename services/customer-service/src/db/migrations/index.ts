import {
  CustomerReplicaMerges1765300000000,
  CustomerReplicaTable1700000000002,
} from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxHousekeeping1764600000000, OutboxInboxTables1700000000000 } from '@crm/events';
import { Tickets1733100000000 } from './1733100000000-tickets';
import { TicketConversation1733200000000 } from './1733200000000-ticket-conversation';
import { Sla1733300000000 } from './1733300000000-sla';
import { SlaAlerts1733400000000 } from './1733400000000-sla-alerts';
import { Dispatch1733500000000 } from './1733500000000-dispatch';
import { Csat1733600000000 } from './1733600000000-csat';
import { FollowUpVisits1733700000000 } from './1733700000000-follow-up-visits';
import { TicketFeedback1733800000000 } from './1733800000000-ticket-feedback';
import { ChurnVisits1765400000000 } from './1765400000000-churn-visits';
import { FinishedJobsIndex1765300000001, ScheduledJobsTable1700000000003 } from '@crm/scheduler';

export const migrations = [
  OutboxInboxTables1700000000000,
  OutboxHousekeeping1764600000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  ScheduledJobsTable1700000000003,
  Tickets1733100000000,
  TicketConversation1733200000000,
  Sla1733300000000,
  SlaAlerts1733400000000,
  Dispatch1733500000000,
  Csat1733600000000,
  FollowUpVisits1733700000000,
  TicketFeedback1733800000000,
  CustomerReplicaMerges1765300000000,
  FinishedJobsIndex1765300000001,
  ChurnVisits1765400000000,
];
