import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tickets1733100000000 implements MigrationInterface {
  name = 'Tickets1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        subject text NOT NULL,
        description text,
        priority text NOT NULL CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
        status text NOT NULL CHECK (status IN ('OPEN', 'PENDING', 'RESOLVED', 'CLOSED')),
        channel text NOT NULL CHECK (channel IN ('PHONE', 'EMAIL', 'WECHAT', 'WEB', 'VISIT')),
        assignee_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    // Lists are keyset-paged on (created_at, id) per customer, per assignee and overall.
    await runner.query(
      'CREATE INDEX tickets_customer ON tickets (customer_id, created_at DESC, id DESC)',
    );
    await runner.query(
      'CREATE INDEX tickets_assignee ON tickets (assignee_id, created_at DESC, id DESC)',
    );
    await runner.query('CREATE INDEX tickets_created ON tickets (created_at DESC, id DESC)');
    await runner.query(
      "CREATE INDEX tickets_unresolved ON tickets (customer_id) WHERE status IN ('OPEN', 'PENDING')",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tickets');
  }
}
