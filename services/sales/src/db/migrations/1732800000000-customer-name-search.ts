import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trigram index for the customer list's name search (`ILIKE '%part%'`), which otherwise scans
 * every customer. pg_trgm ships with PostgreSQL's contrib modules; where it is not available
 * (or may not be created) the search keeps working without the index.
 */
export class CustomerNameSearch1732800000000 implements MigrationInterface {
  name = 'CustomerNameSearch1732800000000';

  async up(runner: QueryRunner): Promise<void> {
    const available: unknown[] = await runner.query(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'",
    );
    if (!available.length) return;
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await runner.query(
      'CREATE INDEX IF NOT EXISTS customers_name_trgm ON customers USING gin (name gin_trgm_ops)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS customers_name_trgm');
  }
}
