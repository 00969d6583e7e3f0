import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Escalation of SLA clocks, and the copy of identity's directory it needs (who manages whom). */
export class SlaAlerts1733400000000 implements MigrationInterface {
  name = 'SlaAlerts1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE ticket_sla_clocks ADD COLUMN escalation int NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 3)',
    );
    await runner.query(`
      CREATE TABLE employee_replica (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        roles text[] NOT NULL,
        team_id uuid,
        active boolean NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE team_replica (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        manager_id uuid,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE team_replica');
    await runner.query('DROP TABLE employee_replica');
    await runner.query('ALTER TABLE ticket_sla_clocks DROP COLUMN escalation');
  }
}
