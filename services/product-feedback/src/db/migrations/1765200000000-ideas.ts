import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Ideas1765200000000 implements MigrationInterface {
  name = 'Ideas1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ideas (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        description text,
        status text NOT NULL CHECK (status IN
          ('NEW', 'UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS', 'SHIPPED', 'DECLINED', 'DUPLICATE')),
        status_reason text,
        duplicate_of uuid REFERENCES ideas (id),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'DUPLICATE') = (duplicate_of IS NOT NULL))
      )`);
    await runner.query('CREATE INDEX ideas_created ON ideas (created_at DESC, id DESC)');
    // Many to many: an item can back several ideas, an idea gathers many items.
    await runner.query(`
      CREATE TABLE idea_feedback (
        idea_id uuid NOT NULL REFERENCES ideas (id),
        feedback_id uuid NOT NULL REFERENCES feedback_items (id),
        linked_by uuid NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (idea_id, feedback_id)
      )`);
    await runner.query('CREATE INDEX idea_feedback_item ON idea_feedback (feedback_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idea_feedback');
    await runner.query('DROP TABLE ideas');
  }
}
