/**
 * Builds a parameterised WHERE clause: `?` in each condition becomes the next $n.
 *   const w = new Where(); w.add('team_id = ?', teamId); tx.query(`SELECT ... ${w.sql()}`, w.params)
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  constructor(params: unknown[] = []) {
    this.params = [...params];
  }

  add(condition: string, ...values: unknown[]): this {
    let text = condition;
    for (const value of values) {
      this.params.push(value);
      text = text.replace('?', `$${this.params.length}`);
    }
    this.conditions.push(text);
    return this;
  }

  /** A copy to extend (e.g. with a page condition) without changing this one. */
  clone(): Where {
    const copy = new Where(this.params);
    copy.conditions.push(...this.conditions);
    return copy;
  }

  /** Adds a value and returns its placeholder ($n), for LIMIT and the like. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/**
 * `text` as a literal inside a LIKE / ILIKE pattern: `%`, `_` and the escape character `\`
 * (PostgreSQL's default) match only themselves, so a search for "50%" or "a_b" is not a wildcard.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
