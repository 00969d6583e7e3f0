import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The health score's configurable weights, each customer's score as of the latest event about
 * it with its history, and the health_changed events already published (kept through rebuilds:
 * a replay never publishes a change twice).
 */
export class HealthHistory1765100000001 implements MigrationInterface {
  name = 'HealthHistory1765100000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE health_weights (
        factor text PRIMARY KEY,
        weight int NOT NULL CHECK (weight BETWEEN 0 AND 100),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE customer_health (
        customer_id uuid PRIMARY KEY,
        score int NOT NULL,
        churn_risk text NOT NULL,
        factors jsonb NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE health_history (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL,
        score int NOT NULL,
        churn_risk text NOT NULL,
        factors jsonb NOT NULL,
        at timestamptz NOT NULL,
        cause_event_id uuid NOT NULL
      )`);
    await runner.query('CREATE INDEX health_history_customer ON health_history (customer_id, at)');
    await runner.query(`
      CREATE TABLE published_health_changes (
        event_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'published_health_changes',
      'health_history',
      'customer_health',
      'health_weights',
    ])
      await runner.query(`DROP TABLE ${table}`);
  }
}
