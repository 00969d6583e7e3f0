import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sla1733300000000 implements MigrationInterface {
  name = 'Sla1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE business_calendars (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        time_zone text NOT NULL,
        -- [{ weekday 1..7, startMinute, endMinute }]
        hours jsonb NOT NULL,
        holidays date[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        position int NOT NULL,
        tiers text[] NOT NULL DEFAULT '{}',
        priorities text[] NOT NULL DEFAULT '{}',
        calendar_id uuid REFERENCES business_calendars (id),
        first_response_minutes int CHECK (first_response_minutes > 0),
        next_response_minutes int CHECK (next_response_minutes > 0),
        resolution_minutes int CHECK (resolution_minutes > 0),
        warning_percent int NOT NULL CHECK (warning_percent BETWEEN 1 AND 99),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'ALTER TABLE tickets ADD COLUMN sla_policy_id uuid REFERENCES sla_policies (id)',
    );
    await runner.query(`
      CREATE TABLE ticket_sla_clocks (
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        target text NOT NULL CHECK (target IN ('FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION')),
        target_ms bigint NOT NULL,
        elapsed_ms bigint NOT NULL DEFAULT 0,
        running_since timestamptz,
        stopped_at timestamptz,
        warned_at timestamptz,
        breached_at timestamptz,
        -- derived from the rest with the policy's calendar; kept for lists and the scheduler
        due_at timestamptz,
        PRIMARY KEY (ticket_id, target)
      )`);
    await runner.query(
      'CREATE INDEX ticket_sla_clocks_due ON ticket_sla_clocks (due_at) WHERE due_at IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ticket_sla_clocks');
    await runner.query('ALTER TABLE tickets DROP COLUMN sla_policy_id');
    await runner.query('DROP TABLE sla_policies');
    await runner.query('DROP TABLE business_calendars');
  }
}
