import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowUpTables1732700000001 implements MigrationInterface {
  name = 'FollowUpTables1732700000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        opportunity_id uuid REFERENCES opportunities (id),
        contact_id uuid,
        lead_id uuid,
        kind text NOT NULL CHECK (kind IN ('CALL', 'VISIT', 'MEETING', 'EMAIL', 'WECHAT', 'NOTE')),
        subject text NOT NULL,
        outcome text,
        notes text,
        occurred_at timestamptz NOT NULL,
        next_follow_up_at timestamptz,
        owner_id uuid NOT NULL,
        team_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX activities_customer ON activities (customer_id, occurred_at DESC, id DESC)',
    );
    await runner.query('CREATE INDEX activities_opportunity ON activities (opportunity_id)');
    await runner.query('CREATE INDEX activities_owner ON activities (owner_id, occurred_at DESC)');
    // The next follow-up promised on a customer (from the latest activity that set one).
    await runner.query(`
      CREATE TABLE follow_up_plans (
        customer_id uuid PRIMARY KEY REFERENCES customers (id),
        activity_id uuid NOT NULL REFERENCES activities (id),
        due_at timestamptz NOT NULL,
        missed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX follow_up_plans_due ON follow_up_plans (due_at)');
    await runner.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        customer_id uuid REFERENCES customers (id),
        opportunity_id uuid REFERENCES opportunities (id),
        title text NOT NULL,
        notes text,
        due_at timestamptz NOT NULL,
        remind_at timestamptz,
        assignee_id uuid NOT NULL,
        team_id uuid,
        status text NOT NULL CHECK (status IN ('OPEN', 'DONE', 'CANCELLED')),
        overdue_at timestamptz,
        reminded_at timestamptz,
        completed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_at)');
    await runner.query('CREATE INDEX tasks_customer ON tasks (customer_id, status)');
    await runner.query('CREATE INDEX tasks_team ON tasks (team_id, status, due_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tasks');
    await runner.query('DROP TABLE follow_up_plans');
    await runner.query('DROP TABLE activities');
  }
}
