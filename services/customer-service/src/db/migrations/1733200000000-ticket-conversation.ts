import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketConversation1733200000000 implements MigrationInterface {
  name = 'TicketConversation1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE tickets
        ADD COLUMN first_responded_at timestamptz,
        ADD COLUMN merged_into_id uuid REFERENCES tickets (id)`);
    await runner.query(`
      CREATE TABLE ticket_messages (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        kind text NOT NULL CHECK (kind IN ('REPLY', 'NOTE', 'CUSTOMER')),
        body text NOT NULL,
        author_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(
      'CREATE INDEX ticket_messages_thread ON ticket_messages (ticket_id, created_at, id)',
    );
    // One row per pair, smaller id first: a link has no direction.
    await runner.query(`
      CREATE TABLE ticket_links (
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        linked_id uuid NOT NULL REFERENCES tickets (id),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, linked_id),
        CHECK (ticket_id < linked_id)
      )`);
    await runner.query('CREATE INDEX ticket_links_linked ON ticket_links (linked_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ticket_links');
    await runner.query('DROP TABLE ticket_messages');
    await runner.query(
      'ALTER TABLE tickets DROP COLUMN merged_into_id, DROP COLUMN first_responded_at',
    );
  }
}
