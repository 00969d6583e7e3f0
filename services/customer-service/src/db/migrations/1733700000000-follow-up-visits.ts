import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowUpVisits1733700000000 implements MigrationInterface {
  name = 'FollowUpVisits1733700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE follow_up_visits (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        customer_id uuid NOT NULL,
        assignee_id uuid,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('SCHEDULED', 'DONE')),
        result text CHECK (result IN ('SATISFIED', 'NOT_SATISFIED', 'UNREACHABLE')),
        notes text,
        reminded_at timestamptz,
        done_at timestamptz,
        done_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // one scheduled visit per ticket at a time
    await runner.query(
      "CREATE UNIQUE INDEX follow_up_visits_scheduled ON follow_up_visits (ticket_id) WHERE status = 'SCHEDULED'",
    );
    await runner.query(
      'CREATE INDEX follow_up_visits_assignee ON follow_up_visits (assignee_id, due_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE follow_up_visits');
  }
}
