import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadAssignmentTables1732700000003 implements MigrationInterface {
  name = 'LeadAssignmentTables1732700000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE lead_assignment_rules (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ROUND_ROBIN', 'TERRITORY')),
        team_id uuid NOT NULL,
        regions text[] NOT NULL DEFAULT '{}',
        priority int NOT NULL DEFAULT 100,
        first_contact_seconds int CHECK (first_contact_seconds > 0),
        max_open_leads int CHECK (max_open_leads > 0),
        active boolean NOT NULL DEFAULT true,
        last_assignee_id uuid,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE lead_assignments (
        lead_id uuid PRIMARY KEY,
        name text NOT NULL,
        company text,
        title text,
        phone text,
        phone_key text,
        email text,
        email_key text,
        region text,
        industry text,
        company_size text,
        campaign_id uuid,
        channel text,
        score int NOT NULL DEFAULT 0,
        matched_customer_id uuid,
        notes text,
        qualified_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('UNASSIGNED', 'ASSIGNED', 'CONTACTED', 'CONVERTED', 'DISQUALIFIED')),
        assignee_id uuid,
        team_id uuid,
        rule text,
        rule_id uuid REFERENCES lead_assignment_rules (id),
        assigned_at timestamptz,
        due_at timestamptz,
        contacted_at timestamptz,
        breach_count int NOT NULL DEFAULT 0,
        customer_id uuid REFERENCES customers (id),
        contact_id uuid,
        opportunity_id uuid REFERENCES opportunities (id),
        disqualify_reason text,
        closed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX lead_assignments_assignee ON lead_assignments (assignee_id, status, created_at DESC)',
    );
    await runner.query(
      'CREATE INDEX lead_assignments_team ON lead_assignments (team_id, status, created_at DESC)',
    );
    await runner.query(`
      CREATE TABLE lead_assignment_history (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES lead_assignments (lead_id),
        assignee_id uuid NOT NULL,
        previous_assignee_id uuid,
        team_id uuid,
        rule text NOT NULL,
        due_at timestamptz NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX lead_assignment_history_lead ON lead_assignment_history (lead_id, assigned_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE lead_assignment_history');
    await runner.query('DROP TABLE lead_assignments');
    await runner.query('DROP TABLE lead_assignment_rules');
  }
}
