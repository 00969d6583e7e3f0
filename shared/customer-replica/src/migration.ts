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
