import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SalesTables1732500000000 implements MigrationInterface {
  name = 'SalesTables1732500000000';

  async up(runner: QueryRunner): Promise<void> {
    // Replicas of identity's employees and teams, fed by events: owner names, teams and scopes.
    await runner.query(`
      CREATE TABLE employee_replica (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        roles text[] NOT NULL,
        team_id uuid,
        active boolean NOT NULL,
        version int NOT NULL
      )`);
    await runner.query('CREATE INDEX employee_replica_team ON employee_replica (team_id)');
    await runner.query(`
      CREATE TABLE team_replica (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        manager_id uuid,
        version int NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('COMPANY', 'PERSON')),
        name text NOT NULL,
        industry text,
        region text,
        tier text CHECK (tier IN ('KEY', 'A', 'B', 'C')),
        lifecycle_stage text NOT NULL CHECK (lifecycle_stage IN ('PROSPECT', 'CUSTOMER', 'CHURNED')),
        tags text[] NOT NULL DEFAULT '{}',
        phone text,
        phone_key text,
        email text,
        email_key text,
        address jsonb,
        owner_id uuid,
        backup_owner_id uuid,
        team_id uuid,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX customers_owner ON customers (owner_id, created_at DESC, id DESC)',
    );
    await runner.query('CREATE INDEX customers_backup_owner ON customers (backup_owner_id)');
    await runner.query(
      'CREATE INDEX customers_team ON customers (team_id, created_at DESC, id DESC)',
    );
    await runner.query('CREATE INDEX customers_created ON customers (created_at DESC, id DESC)');
    await runner.query('CREATE INDEX customers_phone_key ON customers (phone_key)');
    await runner.query('CREATE INDEX customers_email_key ON customers (email_key)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customers');
    await runner.query('DROP TABLE team_replica');
    await runner.query('DROP TABLE employee_replica');
  }
}
