import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Csat1733600000000 implements MigrationInterface {
  name = 'Csat1733600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE csat_surveys (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL UNIQUE REFERENCES tickets (id),
        token text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        score int CHECK (score BETWEEN 1 AND 5),
        reason text,
        comment text
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE csat_surveys');
  }
}
