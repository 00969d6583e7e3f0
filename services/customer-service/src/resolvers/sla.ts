import { can } from '@crm/auth';
import { slaEscalationLevels } from '@crm/events';
import { forbidden, payload, viewerOf } from '@crm/subgraph';
import type {
  BusinessCalendarResolvers,
  MutationResolvers,
  QueryResolvers,
  SlaClockResolvers,
  SlaPolicyResolvers,
  TicketResolvers,
  WorkingHoursResolvers,
} from '../__generated__/resolvers-types';
import type { CustomerServiceContext as Ctx } from '../context';
import { findCalendars } from '../db/business-calendars';
import { findPolicies, type SlaPolicy } from '../db/sla-policies';
import type { Ticket } from '../db/tickets';
import { changeTicketPriority } from '../domain/change-ticket-priority';
import { saveBusinessCalendar } from '../domain/sla/save-business-calendar';
import { saveSlaPolicy } from '../domain/sla/save-sla-policy';
import { viewClock, type ClockView, type SlaTarget } from '../domain/sla/sla-clock';
import { weekdays } from '../domain/sla/sla-inputs';

export interface TicketSlaView {
  policy: SlaPolicy;
  firstResponse: ClockView | null;
  nextResponse: ClockView | null;
  resolution: ClockView | null;
}

function requireTicketReader(ctx: Ctx): void {
  if (!can(viewerOf(ctx), 'tickets.read')) throw forbidden('your roles cannot see tickets');
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const slaQueries: QueryResolvers = {
  slaPolicies: (_, __, ctx) => {
    requireTicketReader(ctx);
    return findPolicies(ctx.dataSource.manager);
  },
  businessCalendars: (_, __, ctx) => {
    requireTicketReader(ctx);
    return findCalendars(ctx.dataSource.manager);
  },
};

export const slaMutations: MutationResolvers = {
  saveSlaPolicy: async (_, { input }, ctx) =>
    payload('policy', await saveSlaPolicy(ctx.dataSource, viewerOf(ctx), input)),
  saveBusinessCalendar: async (_, { input }, ctx) =>
    payload('calendar', await saveBusinessCalendar(ctx.dataSource, viewerOf(ctx), input)),
  changeTicketPriority: async (_, { input }, ctx) =>
    payload('ticket', await changeTicketPriority(ctx.dataSource, viewerOf(ctx), input)),
};

/** The ticket's SLA as of now: its policy's clocks with due times and breaches. */
async function ticketSla(t: Ticket, ctx: Ctx): Promise<TicketSlaView | null> {
  if (!t.slaPolicyId) return null;
  const policy = await ctx.loaders.slaPolicy.load(t.slaPolicyId);
  if (!policy) return null;
  const calendar = policy.calendarId ? await ctx.loaders.calendar.load(policy.calendarId) : null;
  const clocks = await ctx.loaders.slaClocks.load(t.id);
  const now = new Date();
  const view = (target: SlaTarget) => {
    const clock = clocks.find((c) => c.target === target);
    return clock ? viewClock(clock, calendar, now) : null;
  };
  return {
    policy,
    firstResponse: view('FIRST_RESPONSE'),
    nextResponse: view('NEXT_RESPONSE'),
    resolution: view('RESOLUTION'),
  };
}

export const ticketSlaField: Pick<TicketResolvers, 'sla'> = {
  sla: (t, _, ctx) => ticketSla(t, ctx),
};

export const slaTypeResolvers: {
  SlaPolicy: SlaPolicyResolvers;
  BusinessCalendar: BusinessCalendarResolvers;
  WorkingHours: WorkingHoursResolvers;
  SlaClock: SlaClockResolvers;
} = {
  SlaPolicy: {
    calendar: (p, _, ctx) => (p.calendarId ? ctx.loaders.calendar.load(p.calendarId) : null),
  },
  BusinessCalendar: {
    hours: (c) =>
      [...c.hours].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute),
  },
  WorkingHours: {
    weekday: (h) => weekdays[h.weekday - 1],
    start: (h) => hhmm(h.startMinute),
    end: (h) => hhmm(h.endMinute),
  },
  SlaClock: {
    remainingSeconds: (c) => Math.trunc(c.remainingMs / 1000),
    escalationLevel: (c) => slaEscalationLevels[c.escalation - 1] ?? null,
  },
};
