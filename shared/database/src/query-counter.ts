import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements it sees. Tests use it to prove that
 * resolving N entities costs one query, not N.
 */
export class QueryCounter implements TypeOrmLogger {
  private statements: string[] = [];

  get queries(): readonly string[] {
    return this.statements;
  }

  reset(): void {
    this.statements = [];
  }

  /** Statements seen so far whose text matches `pattern`. */
  matching(pattern: RegExp): string[] {
    return this.statements.filter((q) => pattern.test(q));
  }

  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
