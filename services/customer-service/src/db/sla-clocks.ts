import { rows, type Tx } from '@crm/database';
import type { SlaClock, SlaTarget } from '../domain/sla/sla-clock';

export interface StoredClock extends SlaClock {
  ticketId: string;
  dueAt: Date | null;
}

interface ClockRow {
  ticket_id: string;
  target: SlaTarget;
  target_ms: string;
  elapsed_ms: string;
  running_since: Date | null;
  stopped_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  escalation: number;
  due_at: Date | null;
}

const COLUMNS =
  'ticket_id, target, target_ms, elapsed_ms, running_since, stopped_at, warned_at, breached_at, escalation, due_at';

const toClock = (r: ClockRow): StoredClock => ({
  ticketId: r.ticket_id,
  target: r.target,
  targetMs: Number(r.target_ms),
  elapsedMs: Number(r.elapsed_ms),
  runningSince: r.running_since,
  stoppedAt: r.stopped_at,
  warnedAt: r.warned_at,
  breachedAt: r.breached_at,
  escalation: r.escalation,
  dueAt: r.due_at,
});

/** The clocks of many tickets, in target order. */
export async function findClocks(tx: Tx, ticketIds: readonly string[]): Promise<StoredClock[]> {
  const found = await rows<ClockRow>(
    tx,
    `SELECT ${COLUMNS} FROM ticket_sla_clocks WHERE ticket_id = ANY($1::uuid[])
     ORDER BY ticket_id, array_position(ARRAY['FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION'], target)`,
    [ticketIds],
  );
  return found.map(toClock);
}

export async function saveClock(tx: Tx, c: StoredClock): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_sla_clocks (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (ticket_id, target) DO UPDATE SET target_ms = $3, elapsed_ms = $4, running_since = $5,
       stopped_at = $6, warned_at = $7, breached_at = $8, escalation = $9, due_at = $10`,
    [
      c.ticketId,
      c.target,
      c.targetMs,
      c.elapsedMs,
      c.runningSince,
      c.stoppedAt,
      c.warnedAt,
      c.breachedAt,
      c.escalation,
      c.dueAt,
    ],
  );
}

export async function deleteClock(tx: Tx, ticketId: string, target: SlaTarget): Promise<void> {
  await tx.query('DELETE FROM ticket_sla_clocks WHERE ticket_id = $1 AND target = $2', [
    ticketId,
    target,
  ]);
}
