import {
  CustomerReplicaMerges1765300000000,
  CustomerReplicaTable1700000000002,
} from '@crm/customer-replica';
import { AuditTable1700000000001 } from '@crm/database';
import { OutboxHousekeeping1764600000000, OutboxInboxTables1700000000000 } from '@crm/events';
import { FeedbackItems1733200000000 } from './1733200000000-feedback-items';
import { Ideas1765200000000 } from './1765200000000-ideas';
import { IdeaVotes1765200000001 } from './1765200000001-idea-votes';
import { CustomerValue1765200000002 } from './1765200000002-customer-value';
import { IdeaRice1765200000003 } from './1765200000003-idea-rice';
import { Changelog1765300000003 } from './1765300000003-changelog';
import { CustomerChurnRisk1765300000002 } from './1765300000002-customer-churn-risk';
import { FeedbackOrigin1765200000004 } from './1765200000004-feedback-origin';

export const migrations = [
  OutboxInboxTables1700000000000,
  OutboxHousekeeping1764600000000,
  AuditTable1700000000001,
  CustomerReplicaTable1700000000002,
  FeedbackItems1733200000000,
  Ideas1765200000000,
  IdeaVotes1765200000001,
  CustomerValue1765200000002,
  IdeaRice1765200000003,
  FeedbackOrigin1765200000004,
  CustomerReplicaMerges1765300000000,
  CustomerChurnRisk1765300000002,
  Changelog1765300000003,
];
