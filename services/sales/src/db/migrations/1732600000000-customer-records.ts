import type { MigrationInterface, QueryRunner } from 'typeorm';
import { companyNameKey } from '../../domain/name-key';

export class CustomerRecords1732600000000 implements MigrationInterface {
  name = 'CustomerRecords1732600000000';

  async up(runner: QueryRunner): Promise<void> {
    // Merge tombstones, the duplicate key of the name, and what the public pool rules need.
    await runner.query(`
      ALTER TABLE customers
        ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED')),
        ADD COLUMN merged_into_id uuid REFERENCES customers (id),
        ADD COLUMN merged_at timestamptz,
        ADD COLUMN name_key text,
        ADD COLUMN owner_since timestamptz,
        ADD COLUMN last_follow_up_at timestamptz`);
    await runner.query('UPDATE customers SET owner_since = created_at WHERE owner_id IS NOT NULL');
    await this.backfillNameKeys(runner);
    await runner.query(
      "CREATE INDEX customers_name_key ON customers (name_key) WHERE status = 'ACTIVE'",
    );
    await runner.query(
      'CREATE INDEX customers_merged_into ON customers (merged_into_id) WHERE merged_into_id IS NOT NULL',
    );
    await runner.query(
      "CREATE INDEX customers_follow_up ON customers ((coalesce(last_follow_up_at, owner_since))) WHERE owner_id IS NOT NULL AND status = 'ACTIVE'",
    );
    await runner.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        name text NOT NULL,
        title text,
        phone text,
        phone_key text,
        email text,
        email_key text,
        is_primary boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX contacts_customer ON contacts (customer_id, created_at, id)');
    await runner.query(
      'CREATE UNIQUE INDEX contacts_one_primary ON contacts (customer_id) WHERE is_primary',
    );
    await runner.query(
      'CREATE INDEX contacts_phone_key ON contacts (phone_key) WHERE phone_key IS NOT NULL',
    );
    await runner.query(
      'CREATE INDEX contacts_email_key ON contacts (email_key) WHERE email_key IS NOT NULL',
    );
    // Public-pool rules: the 'default' row, and per-team rows whose null fields inherit it.
    await runner.query(`
      CREATE TABLE pool_settings (
        scope text PRIMARY KEY,
        follow_up_days int CHECK (follow_up_days > 0),
        claim_limit int CHECK (claim_limit > 0),
        cooling_off_days int CHECK (cooling_off_days >= 0),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      "INSERT INTO pool_settings (scope, follow_up_days, claim_limit, cooling_off_days) VALUES ('default', 30, 50, 7)",
    );
    // Who takes over a deactivated rep's customers that have no (active) backup owner.
    await runner.query(`
      CREATE TABLE team_handover (
        team_id uuid PRIMARY KEY,
        mode text NOT NULL CHECK (mode IN ('MANAGER_PICKS_REP', 'PUBLIC_POOL')),
        rep_id uuid,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (mode = 'PUBLIC_POOL' OR rep_id IS NOT NULL)
      )`);
    // The last time a person let a customer go to the pool: the cooling-off before a re-claim.
    await runner.query(`
      CREATE TABLE pool_releases (
        customer_id uuid NOT NULL REFERENCES customers (id),
        employee_id uuid NOT NULL,
        released_at timestamptz NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (customer_id, employee_id)
      )`);
  }

  /** Name keys of the customers that exist already, in batches (the key is computed in code). */
  private async backfillNameKeys(runner: QueryRunner): Promise<void> {
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const batch: { id: string; name: string }[] = await runner.query(
        'SELECT id, name FROM customers WHERE id > $1 ORDER BY id LIMIT 1000',
        [after],
      );
      if (!batch.length) return;
      await runner.query(
        `UPDATE customers c SET name_key = k.key FROM unnest($1::uuid[], $2::text[]) AS k(id, key) WHERE c.id = k.id`,
        [batch.map((r) => r.id), batch.map((r) => companyNameKey(r.name))],
      );
      after = batch[batch.length - 1].id;
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE pool_releases');
    await runner.query('DROP TABLE team_handover');
    await runner.query('DROP TABLE pool_settings');
    await runner.query('DROP TABLE contacts');
    await runner.query(`
      ALTER TABLE customers DROP COLUMN last_follow_up_at, DROP COLUMN owner_since, DROP COLUMN name_key,
        DROP COLUMN merged_at, DROP COLUMN merged_into_id, DROP COLUMN status`);
  }
}
