import {
  capturedFeedbackKinds,
  ticketChannels,
  ticketPriorities,
  ticketStatuses,
} from '@crm/events';
import { z } from 'zod';
import { ticketMessageKinds } from '../db/ticket-messages';

const ticketId = z.uuid('is not a valid id');

/** A routing value matched against agents' skills: compared in lower case. */
export const skill = z
  .string()
  .trim()
  .max(50, 'must be at most 50 characters')
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .nullish();

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
  /** Leave empty to have the ticket dispatched (or queued when nobody can take it). */
  assigneeId: z.uuid('is not a valid id').nullish(),
  teamId: z.uuid('is not a valid id').nullish(),
  language: skill,
  productLine: skill,
  region: skill,
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

export const addTicketMessageInput = z.object({
  ticketId,
  kind: z.enum(ticketMessageKinds),
  body: z.string().trim().min(1, 'is required').max(10_000, 'must be at most 10000 characters'),
});

export const mergeTicketsInput = z.object({
  /** The duplicate: it is closed and its thread moves. */
  ticketId,
  /** The ticket that stays. */
  intoTicketId: ticketId,
});

export const linkTicketsInput = z.object({ ticketId, linkedTicketId: ticketId });

export const changeTicketPriorityInput = z.object({
  ticketId,
  priority: z.enum(ticketPriorities),
});

export const flagTicketFeedbackInput = z.object({
  ticketId,
  kind: z.enum(capturedFeedbackKinds),
  text: z.string().trim().min(1, 'is required').max(10_000, 'must be at most 10000 characters'),
  title: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .transform((v) => (v === '' ? null : v))
    .nullish(),
});
