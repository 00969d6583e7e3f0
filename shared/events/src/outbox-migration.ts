import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (events waiting for Kafka) and the inbox (events already handled, per consumer).
 * Every service that publishes or consumes includes this migration.
 */
export class OutboxInboxTables1700000000000 implements MigrationInterface {
  name = 'OutboxInboxTables1700000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        source text NOT NULL,
        subject text NOT NULL,
        time timestamptz NOT NULL,
        actor_id uuid,
        payload jsonb NOT NULL,
        published_at timestamptz
      )`);
    await runner.query('CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL');
    // Wakes the relay when the inserting transaction commits (NOTIFY is transactional).
    await runner.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await runner.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await runner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE inbox');
    await runner.query('DROP TRIGGER outbox_notify ON outbox');
    await runner.query('DROP FUNCTION outbox_notify');
    await runner.query('DROP TABLE outbox');
  }
}
