import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdeaRice1765200000003 implements MigrationInterface {
  name = 'IdeaRice1765200000003';

  async up(runner: QueryRunner): Promise<void> {
    // RICE, for product managers who prefer it: all four or none.
    await runner.query(`
      ALTER TABLE ideas
        ADD COLUMN rice_reach int CHECK (rice_reach >= 0),
        ADD COLUMN rice_impact numeric CHECK (rice_impact IN (0.25, 0.5, 1, 2, 3)),
        ADD COLUMN rice_confidence int CHECK (rice_confidence BETWEEN 0 AND 100),
        ADD COLUMN rice_effort numeric CHECK (rice_effort > 0),
        ADD CONSTRAINT ideas_rice_complete CHECK (
          (rice_reach IS NULL) = (rice_impact IS NULL)
          AND (rice_reach IS NULL) = (rice_confidence IS NULL)
          AND (rice_reach IS NULL) = (rice_effort IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE ideas DROP CONSTRAINT ideas_rice_complete, DROP COLUMN rice_reach,
        DROP COLUMN rice_impact, DROP COLUMN rice_confidence, DROP COLUMN rice_effort`);
  }
}
