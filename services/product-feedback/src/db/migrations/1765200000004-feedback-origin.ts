import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedbackOrigin1765200000004 implements MigrationInterface {
  name = 'FeedbackOrigin1765200000004';

  async up(runner: QueryRunner): Promise<void> {
    // where an item was heard, and the ticket, opportunity or campaign it links back to
    await runner.query(`
      ALTER TABLE feedback_items
        ADD COLUMN origin text NOT NULL DEFAULT 'MANUAL'
          CHECK (origin IN ('TICKET', 'OPPORTUNITY', 'CAMPAIGN', 'MANUAL')),
        ADD COLUMN origin_id uuid,
        ADD CONSTRAINT feedback_items_origin_link CHECK ((origin = 'MANUAL') = (origin_id IS NULL))`);
    // a lost deal becomes feedback once, however often its event is delivered
    await runner.query(
      "CREATE UNIQUE INDEX feedback_items_lost_deal ON feedback_items (origin_id) WHERE origin = 'OPPORTUNITY'",
    );
    await runner.query(
      'CREATE INDEX feedback_items_origin ON feedback_items (origin_id) WHERE origin_id IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE feedback_items DROP CONSTRAINT feedback_items_origin_link, DROP COLUMN origin_id, DROP COLUMN origin',
    );
  }
}
