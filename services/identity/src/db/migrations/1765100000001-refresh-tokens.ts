import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh tokens (only their SHA-256), one family per login, each traded once. */
export class RefreshTokens1765100000001 implements MigrationInterface {
  name = 'RefreshTokens1765100000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        employee_id uuid NOT NULL REFERENCES employees (id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)');
    await runner.query(
      'CREATE INDEX refresh_tokens_employee ON refresh_tokens (employee_id) WHERE revoked_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE refresh_tokens');
  }
}
