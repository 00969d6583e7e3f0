import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdeaVotes1765200000001 implements MigrationInterface {
  name = 'IdeaVotes1765200000001';

  async up(runner: QueryRunner): Promise<void> {
    // One vote per customer per idea (the key), cast by an employee on the customer's behalf.
    await runner.query(`
      CREATE TABLE idea_votes (
        idea_id uuid NOT NULL REFERENCES ideas (id),
        customer_id uuid NOT NULL,
        importance text NOT NULL CHECK (importance IN ('NICE_TO_HAVE', 'IMPORTANT', 'CRITICAL')),
        voted_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (idea_id, customer_id)
      )`);
    await runner.query('CREATE INDEX idea_votes_customer ON idea_votes (customer_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idea_votes');
  }
}
