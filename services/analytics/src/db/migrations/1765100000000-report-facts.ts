import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts for the sales and service reports, from sales', marketing's, customer service's and
 * identity's events. Rows keep the version or the event time they were built from, so a late
 * or repeated event never moves a figure back.
 */
export class ReportFacts1765100000000 implements MigrationInterface {
  name = 'ReportFacts1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    // Opportunity events carry no version: their own times (createdAt, changedAt, wonAt,
    // lostAt) order them; state_at is the time of the event the current state comes from.
    await runner.query(`
      CREATE TABLE opportunity_facts (
        opportunity_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        owner_id uuid,
        team_id uuid,
        amount numeric(18, 2) NOT NULL,
        currency text NOT NULL,
        stage text,
        probability int,
        status text NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST')),
        expected_close_date date,
        created_at timestamptz,
        closed_at timestamptz,
        state_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX opportunity_facts_created ON opportunity_facts (created_at)');
    await runner.query('CREATE INDEX opportunity_facts_closed ON opportunity_facts (closed_at)');
    await runner.query(
      'CREATE INDEX opportunity_facts_customer ON opportunity_facts (customer_id)',
    );
    // Every stage an opportunity was ever in, first time first (the funnel counts reach).
    await runner.query(`
      CREATE TABLE opportunity_stage_reached (
        opportunity_id uuid NOT NULL,
        stage text NOT NULL,
        reached_at timestamptz NOT NULL,
        PRIMARY KEY (opportunity_id, stage)
      )`);
    // The latest win probability seen for each stage key: the funnel's order.
    await runner.query(`
      CREATE TABLE stage_probability (
        stage text PRIMARY KEY,
        probability int NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
    // Customer dimensions the replica does not keep (region), with the tier for filters.
    await runner.query(`
      CREATE TABLE customer_dims (
        customer_id uuid PRIMARY KEY,
        region text,
        tier text,
        version int NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE employee_dims (
        employee_id uuid PRIMARY KEY,
        team_id uuid,
        version int NOT NULL
      )`);
    await runner.query('ALTER TABLE ticket_facts ADD COLUMN assignee_id uuid');
    await runner.query('ALTER TABLE ticket_facts ADD COLUMN resolved_at timestamptz');
    await runner.query('CREATE INDEX ticket_facts_opened ON ticket_facts (opened_at)');
    // The first breach of each SLA target of a ticket (escalations of the same breach are not new).
    await runner.query(`
      CREATE TABLE sla_breaches (
        ticket_id uuid NOT NULL,
        target text NOT NULL,
        customer_id uuid NOT NULL,
        assignee_id uuid,
        priority text NOT NULL,
        due_at timestamptz NOT NULL,
        breached_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, target)
      )`);
    await runner.query(`
      CREATE TABLE csat_facts (
        survey_id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        assignee_id uuid,
        score int NOT NULL,
        reason text,
        answered_at timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX csat_facts_answered ON csat_facts (answered_at)');
    // Tasks sales reported overdue (sales publishes no completion, so this is "went overdue").
    await runner.query(`
      CREATE TABLE overdue_tasks (
        task_id uuid PRIMARY KEY,
        customer_id uuid,
        title text NOT NULL,
        assignee_id uuid NOT NULL,
        team_id uuid,
        due_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL
      )`);
    // A lead's hand-off to sales: the latest assignment (assigned_at orders them) and its outcome.
    await runner.query(`
      CREATE TABLE lead_facts (
        lead_id uuid PRIMARY KEY,
        assignee_id uuid,
        team_id uuid,
        due_at timestamptz,
        assigned_at timestamptz,
        contacted_at timestamptz,
        closed_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'lead_facts',
      'overdue_tasks',
      'csat_facts',
      'sla_breaches',
      'employee_dims',
      'customer_dims',
      'stage_probability',
      'opportunity_stage_reached',
      'opportunity_facts',
    ])
      await runner.query(`DROP TABLE ${table}`);
    await runner.query('DROP INDEX ticket_facts_opened');
    await runner.query('ALTER TABLE ticket_facts DROP COLUMN resolved_at');
    await runner.query('ALTER TABLE ticket_facts DROP COLUMN assignee_id');
  }
}
