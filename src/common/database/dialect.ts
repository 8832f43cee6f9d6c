export type Dialect = 'sqlite' | 'postgres';

/**
 * Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`; SQLite takes `?` as written. Every `?` is a
 * placeholder: the hub's SQL never has one in a string literal or uses PostgreSQL's jsonb `?` operators.
 */
export function toDialectSql(sql: string, dialect: Dialect): string {
  if (dialect === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Largest number of bound parameters we put in one statement (SQLite allows 32766, PostgreSQL 65535). */
export function maxParameters(dialect: Dialect): number {
  return dialect === 'sqlite' ? 32_000 : 60_000;
}

/** A value the driver can bind: booleans become 0/1 on SQLite; objects are never passed (callers serialise JSON). */
export type SqlValue = string | number | boolean | null;
