import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityTables1732400000000 implements MigrationInterface {
  name = 'IdentityTables1732400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        manager_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX teams_name ON teams (lower(name))');
    await runner.query(`
      CREATE TABLE employees (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        team_id uuid REFERENCES teams (id),
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz
      )`);
    await runner.query('CREATE UNIQUE INDEX employees_email ON employees (lower(email))');
    await runner.query('CREATE INDEX employees_team ON employees (team_id)');
    await runner.query(
      `ALTER TABLE teams ADD CONSTRAINT teams_manager FOREIGN KEY (manager_id) REFERENCES employees (id)`,
    );
    await runner.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE signing_keys');
    await runner.query('ALTER TABLE teams DROP CONSTRAINT teams_manager');
    await runner.query('DROP TABLE employees');
    await runner.query('DROP TABLE teams');
  }
}
