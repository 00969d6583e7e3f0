import { z } from 'zod';
import { defineEvent } from '../define-event';
import { dateTime, id } from './common';

const employee = z.object({
  employeeId: id,
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  teamId: id.nullable(),
  active: z.boolean(),
  /** Increases by one with every change; consumers keep the highest they have seen. */
  version: z.number().int().positive(),
  occurredAt: dateTime,
});

const team = z.object({
  teamId: id,
  name: z.string(),
  managerId: id.nullable(),
  version: z.number().int().positive(),
  occurredAt: dateTime,
});

const EMPLOYEE_TOPIC = 'crm.identity.employee.v1';
const TEAM_TOPIC = 'crm.identity.team.v1';

export const employeeCreated = defineEvent({
  type: 'crm.identity.employee.created.v1',
  topic: EMPLOYEE_TOPIC,
  producer: 'identity',
  description: 'An employee account was created.',
  schema: employee,
  key: (d) => d.employeeId,
  subject: (d) => d.employeeId,
});

export const employeeUpdated = defineEvent({
  type: 'crm.identity.employee.updated.v1',
  topic: EMPLOYEE_TOPIC,
  producer: 'identity',
  description: 'An employee changed name, email, roles or team (the full state after the change).',
  schema: employee.extend({ changedFields: z.array(z.string()) }),
  key: (d) => d.employeeId,
  subject: (d) => d.employeeId,
});

export const employeeDeactivated = defineEvent({
  type: 'crm.identity.employee.deactivated.v1',
  topic: EMPLOYEE_TOPIC,
  producer: 'identity',
  description:
    "An employee left or was suspended: departments hand over that person's customers, tasks and tickets.",
  schema: employee.extend({ deactivatedBy: id.nullable() }),
  key: (d) => d.employeeId,
  subject: (d) => d.employeeId,
});

export const teamCreated = defineEvent({
  type: 'crm.identity.team.created.v1',
  topic: TEAM_TOPIC,
  producer: 'identity',
  description: 'A team was created.',
  schema: team,
  key: (d) => d.teamId,
  subject: (d) => d.teamId,
});

export const teamUpdated = defineEvent({
  type: 'crm.identity.team.updated.v1',
  topic: TEAM_TOPIC,
  producer: 'identity',
  description: 'A team was renamed or got a new manager (the full state after the change).',
  schema: team.extend({ changedFields: z.array(z.string()) }),
  key: (d) => d.teamId,
  subject: (d) => d.teamId,
});

export const identityEvents = [
  employeeCreated,
  employeeUpdated,
  employeeDeactivated,
  teamCreated,
  teamUpdated,
];
