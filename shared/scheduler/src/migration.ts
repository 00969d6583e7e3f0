import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledJobsTable1700000000003 implements MigrationInterface {
  name = 'ScheduledJobsTable1700000000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE scheduled_jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        key text NOT NULL,
        due_at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        UNIQUE (kind, key)
      )`);
    await runner.query(
      'CREATE INDEX scheduled_jobs_due ON scheduled_jobs (due_at) WHERE done_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE scheduled_jobs');
  }
}

/** Finished jobs are deleted after a while: an index keeps finding them cheap. */
export class FinishedJobsIndex1765300000001 implements MigrationInterface {
  name = 'FinishedJobsIndex1765300000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE INDEX scheduled_jobs_finished ON scheduled_jobs (done_at) WHERE done_at IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX scheduled_jobs_finished');
  }
}
