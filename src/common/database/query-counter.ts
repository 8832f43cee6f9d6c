import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * A TypeORM logger that only counts statements. Tests use it to prove that a read costs a constant
 * number of SQL statements, whatever the page size.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;

  logQuery(): void {
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
