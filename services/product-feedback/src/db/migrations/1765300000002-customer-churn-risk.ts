import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each customer's churn risk as analytics last announced it (customer.health_changed). */
export class CustomerChurnRisk1765300000002 implements MigrationInterface {
  name = 'CustomerChurnRisk1765300000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customer_churn_risk (
        customer_id uuid PRIMARY KEY,
        churn_risk text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_churn_risk');
  }
}
