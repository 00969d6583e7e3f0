import { newId, recordAudit } from '@crm/database';
import { userError, UserErrors } from '@crm/subgraph';
import {
  calendarNameTaken,
  findCalendars,
  saveCalendar,
  type StoredCalendar,
} from '../../db/business-calendars';
import { deskConfigWrite } from '../ticket-use-case';
import { saveBusinessCalendarInput, weekdays } from './sla-inputs';

/** Creates a business calendar, or replaces one (by id). */
export const saveBusinessCalendar = deskConfigWrite(
  saveBusinessCalendarInput,
  'only a SERVICE_MANAGER or an ADMIN can configure business calendars',
  async (tx, input, viewer): Promise<StoredCalendar> => {
    const id = input.id ?? newId();
    const [before] = input.id ? await findCalendars(tx, [input.id]) : [];
    if (input.id && !before) {
      throw new UserErrors([userError('id', 'NOT_FOUND', `id: no business calendar ${input.id}`)]);
    }
    if (await calendarNameTaken(tx, input.name, id)) {
      throw new UserErrors([
        userError('name', 'DUPLICATE', `name: another calendar is called ${input.name}`),
      ]);
    }
    const calendar = await saveCalendar(tx, {
      id,
      name: input.name,
      timeZone: input.timeZone,
      hours: input.hours.map((h) => ({
        weekday: weekdays.indexOf(h.weekday) + 1,
        startMinute: h.start,
        endMinute: h.end,
      })),
      holidays: input.holidays,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'business_calendar.save',
      entityType: 'BusinessCalendar',
      entityId: calendar.id,
      before: before ?? null,
      after: calendar,
    });
    return calendar;
  },
);
