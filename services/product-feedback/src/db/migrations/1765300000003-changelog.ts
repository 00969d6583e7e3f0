import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The changelog: what shipped and when, one entry per shipped idea. */
export class Changelog1765300000003 implements MigrationInterface {
  name = 'Changelog1765300000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE changelog_entries (
        idea_id uuid PRIMARY KEY REFERENCES ideas (id),
        title text NOT NULL,
        note text,
        shipped_by uuid NOT NULL,
        shipped_at timestamptz NOT NULL,
        requester_count int NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX changelog_entries_shipped ON changelog_entries (shipped_at DESC, idea_id DESC)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE changelog_entries');
  }
}
