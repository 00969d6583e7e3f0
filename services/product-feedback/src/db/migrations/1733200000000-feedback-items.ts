import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedbackItems1733200000000 implements MigrationInterface {
  name = 'FeedbackItems1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE feedback_items (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BUG', 'FEATURE_REQUEST', 'PRAISE', 'OTHER')),
        title text NOT NULL,
        body text,
        source text NOT NULL CHECK (source IN ('SALES', 'SERVICE', 'SURVEY', 'OTHER')),
        status text NOT NULL CHECK (status IN ('NEW', 'TRIAGED', 'PLANNED', 'DONE', 'DECLINED')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // Lists are keyset-paged on (created_at, id), per customer and overall.
    await runner.query(
      'CREATE INDEX feedback_items_customer ON feedback_items (customer_id, created_at DESC, id DESC)',
    );
    await runner.query(
      'CREATE INDEX feedback_items_created ON feedback_items (created_at DESC, id DESC)',
    );
    await runner.query(
      'CREATE INDEX feedback_items_status ON feedback_items (status, created_at DESC, id DESC)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE feedback_items');
  }
}
