import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The customer facts a department keeps locally (fed by sales' customer events). */
export class CustomerReplicaTable1700000000002 implements MigrationInterface {
  name = 'CustomerReplicaTable1700000000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customer_replica (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        tier text,
        lifecycle_stage text NOT NULL,
        owner_id uuid,
        backup_owner_id uuid,
        team_id uuid,
        phone_key text,
        email_key text,
        tags text[] NOT NULL DEFAULT '{}',
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX customer_replica_owner ON customer_replica (owner_id)');
    await runner.query('CREATE INDEX customer_replica_phone ON customer_replica (phone_key)');
    await runner.query('CREATE INDEX customer_replica_email ON customer_replica (email_key)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_replica');
  }
}

/**
 * Customers merged away (sales' `customer.merged`): the source is a tombstone whose later or
 * late-arriving snapshots must not make it a live customer again in this department.
 */
export class CustomerReplicaMerges1765300000000 implements MigrationInterface {
  name = 'CustomerReplicaMerges1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customer_replica_merges (
        source_id uuid PRIMARY KEY,
        target_id uuid NOT NULL,
        merged_at timestamptz NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX customer_replica_merges_target ON customer_replica_merges (target_id)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_replica_merges');
  }
}
