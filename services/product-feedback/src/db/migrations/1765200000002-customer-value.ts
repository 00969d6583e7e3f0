import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerValue1765200000002 implements MigrationInterface {
  name = 'CustomerValue1765200000002';

  async up(runner: QueryRunner): Promise<void> {
    // One row per opportunity (not running sums), so replayed events cannot count twice.
    await runner.query(`
      CREATE TABLE customer_opportunities (
        opportunity_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        amount numeric NOT NULL,
        currency text NOT NULL,
        state text NOT NULL CHECK (state IN ('OPEN', 'WON', 'LOST')),
        as_of timestamptz NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX customer_opportunities_customer ON customer_opportunities (customer_id, currency)',
    );
    // The ranking's weights: one row, exact decimals.
    await runner.query(`
      CREATE TABLE idea_ranking_weights (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        currency text NOT NULL,
        customer_weight numeric NOT NULL,
        revenue_weight numeric NOT NULL,
        pipeline_weight numeric NOT NULL,
        churn_risk_weight numeric NOT NULL,
        nice_to_have numeric NOT NULL,
        important numeric NOT NULL,
        critical numeric NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      INSERT INTO idea_ranking_weights (currency, customer_weight, revenue_weight, pipeline_weight,
        churn_risk_weight, nice_to_have, important, critical)
      VALUES ('CNY', 1, 1, 0.5, 0, 1, 2, 3)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idea_ranking_weights');
    await runner.query('DROP TABLE customer_opportunities');
  }
}
