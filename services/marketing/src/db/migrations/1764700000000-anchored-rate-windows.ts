import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web-form rate windows start at a client's first submission instead of at multiples of the
 * window length on the clock: one row per form and client. With clock-aligned windows a burst
 * that spans such a multiple was counted in two windows and could reach twice the limit.
 */
export class AnchoredRateWindows1764700000000 implements MigrationInterface {
  name = 'AnchoredRateWindows1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    // keep each client's latest window, which is the only one still counting
    await runner.query(`
      DELETE FROM form_rate_windows a USING form_rate_windows b
      WHERE a.form_key = b.form_key AND a.client = b.client AND a.window_start < b.window_start`);
    await runner.query('ALTER TABLE form_rate_windows DROP CONSTRAINT form_rate_windows_pkey');
    await runner.query('ALTER TABLE form_rate_windows ADD PRIMARY KEY (form_key, client)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE form_rate_windows DROP CONSTRAINT form_rate_windows_pkey');
    await runner.query(
      'ALTER TABLE form_rate_windows ADD PRIMARY KEY (form_key, client, window_start)',
    );
  }
}
