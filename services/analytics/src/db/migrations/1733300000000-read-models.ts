import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics' read models: facts distilled from other departments' events, never their tables.
 * Each row keeps the version (or time) it was built from, so replays change nothing.
 */
export class ReadModels1733300000000 implements MigrationInterface {
  name = 'ReadModels1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ticket_facts (
        ticket_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        status text NOT NULL,
        priority text NOT NULL,
        opened_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await runner.query('CREATE INDEX ticket_facts_customer ON ticket_facts (customer_id)');
    await runner.query(`
      CREATE TABLE feedback_facts (
        feedback_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        recorded_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await runner.query('CREATE INDEX feedback_facts_customer ON feedback_facts (customer_id)');
    // The time of the latest event about each customer, whatever its department.
    await runner.query(`
      CREATE TABLE customer_activity (
        customer_id uuid PRIMARY KEY,
        last_activity_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_activity');
    await runner.query('DROP TABLE feedback_facts');
    await runner.query('DROP TABLE ticket_facts');
  }
}
