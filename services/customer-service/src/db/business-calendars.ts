import { rows, type Tx } from '@crm/database';
import type { BusinessCalendar, WorkingInterval } from '../domain/sla/business-time';

export interface StoredCalendar extends BusinessCalendar {
  id: string;
  name: string;
}

interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  hours: WorkingInterval[];
  holidays: string[];
}

// holidays as text: a date column would come back as a JS Date at local midnight
const COLUMNS =
  "id, name, time_zone, hours, array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays";

const toCalendar = (r: CalendarRow): StoredCalendar => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  hours: r.hours,
  holidays: r.holidays,
});

/** Inserts or replaces a calendar (by id). */
export async function saveCalendar(tx: Tx, c: StoredCalendar): Promise<StoredCalendar> {
  const found = await rows<CalendarRow>(
    tx,
    `INSERT INTO business_calendars (id, name, time_zone, hours, holidays) VALUES ($1, $2, $3, $4, $5::date[])
     ON CONFLICT (id) DO UPDATE SET name = $2, time_zone = $3, hours = $4, holidays = $5::date[], updated_at = now()
     RETURNING ${COLUMNS}`,
    [c.id, c.name, c.timeZone, JSON.stringify(c.hours), c.holidays],
  );
  return toCalendar(found[0]);
}

export async function findCalendars(tx: Tx, ids?: readonly string[]): Promise<StoredCalendar[]> {
  const found = await rows<CalendarRow>(
    tx,
    `SELECT ${COLUMNS} FROM business_calendars WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name`,
    [ids ?? null],
  );
  return found.map(toCalendar);
}

/** Whether another calendar already has this name. */
export async function calendarNameTaken(tx: Tx, name: string, id: string): Promise<boolean> {
  const found = await rows(tx, 'SELECT 1 FROM business_calendars WHERE name = $1 AND id <> $2', [
    name,
    id,
  ]);
  return found.length > 0;
}
