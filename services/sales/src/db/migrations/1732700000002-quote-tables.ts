import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuoteTables1732700000002 implements MigrationInterface {
  name = 'QuoteTables1732700000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        opportunity_id uuid REFERENCES opportunities (id),
        title text NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        status text NOT NULL CHECK (status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED')),
        discount_percent numeric(5, 2) NOT NULL DEFAULT 0,
        list_total numeric(18, 2) NOT NULL,
        subtotal numeric(18, 2) NOT NULL,
        total numeric(18, 2) NOT NULL,
        effective_discount_percent numeric(5, 2) NOT NULL,
        requires_approval boolean NOT NULL,
        valid_until date,
        owner_id uuid NOT NULL,
        team_id uuid,
        submitted_by uuid,
        submitted_at timestamptz,
        decided_by uuid,
        decided_at timestamptz,
        decision_comment text,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX quotes_customer ON quotes (customer_id, created_at DESC)');
    await runner.query('CREATE INDEX quotes_team_status ON quotes (team_id, status)');
    await runner.query('CREATE INDEX quotes_opportunity ON quotes (opportunity_id)');
    await runner.query(`
      CREATE TABLE quote_lines (
        id uuid PRIMARY KEY,
        quote_id uuid NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
        position int NOT NULL,
        product_name text NOT NULL,
        quantity numeric(18, 4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        discount_percent numeric(5, 2) NOT NULL DEFAULT 0,
        line_total numeric(18, 2) NOT NULL,
        UNIQUE (quote_id, position)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE quote_lines');
    await runner.query('DROP TABLE quotes');
  }
}
