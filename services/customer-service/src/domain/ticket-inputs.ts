import { ticketChannels, ticketPriorities, ticketStatuses } from '@crm/events';
import { z } from 'zod';

const ticketId = z.uuid('is not a valid id');

export const openTicketInput = z.object({
  customerId: z.uuid('is not a valid id'),
  subject: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: z
    .string()
    .trim()
    .max(10_000, 'must be at most 10000 characters')
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  priority: z.enum(ticketPriorities).default('NORMAL'),
  channel: z.enum(ticketChannels),
  assigneeId: z.uuid('is not a valid id').nullish(),
});

export const assignTicketInput = z.object({
  ticketId,
  /** null takes the ticket off whoever has it. */
  assigneeId: z.uuid('is not a valid id').nullable(),
});

export const changeTicketStatusInput = z.object({
  ticketId,
  status: z.enum(ticketStatuses),
});

export type OpenTicketInput = z.input<typeof openTicketInput>;
export type AssignTicketInput = z.input<typeof assignTicketInput>;
export type ChangeTicketStatusInput = z.input<typeof changeTicketStatusInput>;
