import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dispatch: agents' capacity, skills and duty, each team's strategy, tickets' routing fields. */
export class Dispatch1733500000000 implements MigrationInterface {
  name = 'Dispatch1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE tickets
        ADD COLUMN team_id uuid,
        ADD COLUMN language text,
        ADD COLUMN product_line text,
        ADD COLUMN region text`);
    await runner.query(`
      CREATE TABLE agent_profiles (
        employee_id uuid PRIMARY KEY,
        capacity int NOT NULL CHECK (capacity >= 0),
        languages text[] NOT NULL DEFAULT '{}',
        product_lines text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        on_duty boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE team_dispatch (
        team_id uuid PRIMARY KEY,
        strategy text NOT NULL CHECK (strategy IN ('ROUND_ROBIN', 'LEAST_LOAD')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      "CREATE INDEX tickets_queue ON tickets (created_at, id) WHERE assignee_id IS NULL AND status IN ('OPEN', 'PENDING')",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX tickets_queue');
    await runner.query('DROP TABLE team_dispatch');
    await runner.query('DROP TABLE agent_profiles');
    await runner.query(
      'ALTER TABLE tickets DROP COLUMN team_id, DROP COLUMN language, DROP COLUMN product_line, DROP COLUMN region',
    );
  }
}
