import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed logins per account and per source address, for backoff and lockout. */
export class LoginThrottle1765100000000 implements MigrationInterface {
  name = 'LoginThrottle1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        blocked_until timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE login_throttle');
  }
}
