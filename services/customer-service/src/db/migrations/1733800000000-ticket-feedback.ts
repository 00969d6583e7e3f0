import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketFeedback1733800000000 implements MigrationInterface {
  name = 'TicketFeedback1733800000000';

  async up(runner: QueryRunner): Promise<void> {
    // what agents flagged for product; the id is the product feedback item's
    await runner.query(`
      CREATE TABLE ticket_feedback (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        kind text NOT NULL CHECK (kind IN ('FEATURE_REQUEST', 'BUG')),
        title text NOT NULL,
        text text NOT NULL,
        flagged_by uuid NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX ticket_feedback_ticket ON ticket_feedback (ticket_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ticket_feedback');
  }
}
