import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows Kafka refuses for good (a topic that does not exist, a message over the size
 * limit) are parked with their error instead of blocking every later event; indexes keep the
 * cleanup of published outbox rows and old inbox rows cheap.
 */
export class OutboxHousekeeping1764600000000 implements MigrationInterface {
  name = 'OutboxHousekeeping1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE outbox ADD COLUMN failed_at timestamptz, ADD COLUMN last_error text',
    );
    await runner.query('DROP INDEX outbox_pending');
    await runner.query(
      'CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL AND failed_at IS NULL',
    );
    await runner.query(
      'CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL',
    );
    await runner.query('CREATE INDEX outbox_parked ON outbox (seq) WHERE failed_at IS NOT NULL');
    await runner.query('CREATE INDEX inbox_handled ON inbox (handled_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX inbox_handled');
    await runner.query('DROP INDEX outbox_parked');
    await runner.query('DROP INDEX outbox_published');
    await runner.query('DROP INDEX outbox_pending');
    await runner.query('CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL');
    await runner.query('ALTER TABLE outbox DROP COLUMN failed_at, DROP COLUMN last_error');
  }
}
