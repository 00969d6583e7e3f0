import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerImports1732600000001 implements MigrationInterface {
  name = 'CustomerImports1732600000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customer_imports (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('VALIDATING', 'VALIDATED', 'COMMITTING', 'COMMITTED', 'FAILED')),
        file_name text,
        format text,
        encoding text,
        total_rows int NOT NULL DEFAULT 0,
        valid_rows int NOT NULL DEFAULT 0,
        invalid_rows int NOT NULL DEFAULT 0,
        duplicate_rows int NOT NULL DEFAULT 0,
        processed_rows int NOT NULL DEFAULT 0,
        imported_rows int NOT NULL DEFAULT 0,
        failed_rows int NOT NULL DEFAULT 0,
        owner_id uuid,
        team_id uuid,
        error text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // One row per data line of the file, staged by the dry run; the commit imports the VALID ones.
    await runner.query(`
      CREATE TABLE customer_import_rows (
        import_id uuid NOT NULL REFERENCES customer_imports (id) ON DELETE CASCADE,
        line int NOT NULL,
        status text NOT NULL CHECK (status IN ('VALID', 'INVALID', 'DUPLICATE', 'IMPORTED', 'FAILED')),
        data jsonb,
        name_key text,
        phone_keys text[] NOT NULL DEFAULT '{}',
        email_keys text[] NOT NULL DEFAULT '{}',
        problems jsonb NOT NULL DEFAULT '[]',
        duplicate_of_line int,
        duplicate_customer_id uuid,
        customer_id uuid,
        PRIMARY KEY (import_id, line)
      )`);
    await runner.query(
      "CREATE INDEX customer_import_rows_problems ON customer_import_rows (import_id, line) WHERE status <> 'VALID' AND status <> 'IMPORTED'",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_import_rows');
    await runner.query('DROP TABLE customer_imports');
  }
}
