import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up visits for a customer whose churn risk became HIGH: no ticket, a reason, and the
 * customer.health_changed event that caused the visit (one visit per event).
 */
export class ChurnVisits1765400000000 implements MigrationInterface {
  name = 'ChurnVisits1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE follow_up_visits
        ALTER COLUMN ticket_id DROP NOT NULL,
        ADD COLUMN reason text NOT NULL DEFAULT 'AFTER_TICKET'
          CHECK (reason IN ('AFTER_TICKET', 'CHURN_RISK')),
        ADD COLUMN health_event_id uuid,
        ADD CONSTRAINT follow_up_visits_reason_cause CHECK (
          (reason = 'AFTER_TICKET' AND ticket_id IS NOT NULL AND health_event_id IS NULL)
          OR (reason = 'CHURN_RISK' AND ticket_id IS NULL AND health_event_id IS NOT NULL)
        )`);
    // a redelivered or replayed health change never schedules a second visit
    await runner.query(
      'CREATE UNIQUE INDEX follow_up_visits_health_event ON follow_up_visits (health_event_id)',
    );
    await runner.query(
      "CREATE INDEX follow_up_visits_customer ON follow_up_visits (customer_id) WHERE status = 'SCHEDULED'",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX follow_up_visits_customer');
    await runner.query('DROP INDEX follow_up_visits_health_event');
    await runner.query("DELETE FROM follow_up_visits WHERE reason = 'CHURN_RISK'");
    await runner.query(`
      ALTER TABLE follow_up_visits
        DROP CONSTRAINT follow_up_visits_reason_cause,
        DROP COLUMN health_event_id,
        DROP COLUMN reason,
        ALTER COLUMN ticket_id SET NOT NULL`);
  }
}
