import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxParameters, toDialectSql } from './dialect';

describe('toDialectSql', () => {
  const sql = 'UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL';

  it('leaves SQL for SQLite as written', () => {
    expect(toDialectSql(sql, 'sqlite')).toBe(sql);
  });

  it('numbers the placeholders for PostgreSQL', () => {
    expect(toDialectSql(sql, 'postgres')).toBe('UPDATE api_key SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL');
    expect(toDialectSql('INSERT INTO t (a, b, c) VALUES (?,?,?), (?,?,?)', 'postgres')).toBe('INSERT INTO t (a, b, c) VALUES ($1,$2,$3), ($4,$5,$6)');
  });

  it('leaves SQL without placeholders alone', () => {
    expect(toDialectSql('SELECT 1', 'postgres')).toBe('SELECT 1');
  });

  it('numbers n placeholders 1..n in order and changes nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '=', ',', '(', ')', '1') }), { minLength: 1, maxLength: 12 }), (parts) => {
        const converted = toDialectSql(parts.join('?'), 'postgres');
        expect(converted).toBe(parts.map((part, i) => (i === 0 ? part : `$${i}${part}`)).join(''));
      }),
    );
  });
});

describe('maxParameters', () => {
  it('stays below each engine’s limit', () => {
    expect(maxParameters('sqlite')).toBeLessThanOrEqual(32_766);
    expect(maxParameters('postgres')).toBeLessThanOrEqual(65_535);
  });
});
