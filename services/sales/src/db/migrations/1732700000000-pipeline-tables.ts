import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PipelineTables1732700000000 implements MigrationInterface {
  name = 'PipelineTables1732700000000';

  async up(runner: QueryRunner): Promise<void> {
    // Stages are data so admins can rename, reorder and re-weight them without a release.
    await runner.query(`
      CREATE TABLE opportunity_stages (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        position int NOT NULL,
        probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
        closed_won boolean NOT NULL DEFAULT false,
        closed_lost boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT (closed_won AND closed_lost))
      )`);
    await runner.query(`
      INSERT INTO opportunity_stages (id, key, name, position, probability, closed_won, closed_lost) VALUES
        (gen_random_uuid(), 'QUALIFICATION', '初步接洽 Qualification', 1, 10, false, false),
        (gen_random_uuid(), 'NEEDS_ANALYSIS', '需求确认 Needs analysis', 2, 30, false, false),
        (gen_random_uuid(), 'PROPOSAL', '方案报价 Proposal', 3, 50, false, false),
        (gen_random_uuid(), 'NEGOTIATION', '谈判 Negotiation', 4, 70, false, false),
        (gen_random_uuid(), 'WON', '赢单 Won', 5, 100, true, false),
        (gen_random_uuid(), 'LOST', '输单 Lost', 6, 0, false, true)`);
    await runner.query(`
      CREATE TABLE opportunities (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        name text NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        stage_id uuid NOT NULL REFERENCES opportunity_stages (id),
        status text NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST')),
        expected_close_date date,
        owner_id uuid NOT NULL,
        team_id uuid,
        contact_id uuid,
        source_campaign_id uuid,
        lead_id uuid,
        close_reason text,
        closed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX opportunities_customer ON opportunities (customer_id, created_at DESC, id DESC)',
    );
    await runner.query(
      'CREATE INDEX opportunities_owner ON opportunities (owner_id, status, expected_close_date)',
    );
    await runner.query(
      'CREATE INDEX opportunities_team ON opportunities (team_id, status, expected_close_date)',
    );
    await runner.query('CREATE INDEX opportunities_lead ON opportunities (lead_id)');
    await runner.query(`
      CREATE TABLE opportunity_stage_history (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunities (id),
        from_stage_id uuid REFERENCES opportunity_stages (id),
        to_stage_id uuid NOT NULL REFERENCES opportunity_stages (id),
        changed_by uuid,
        changed_at timestamptz NOT NULL DEFAULT now(),
        reason text
      )`);
    await runner.query(
      'CREATE INDEX opportunity_stage_history_opportunity ON opportunity_stage_history (opportunity_id, changed_at, id)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE opportunity_stage_history');
    await runner.query('DROP TABLE opportunities');
    await runner.query('DROP TABLE opportunity_stages');
  }
}
