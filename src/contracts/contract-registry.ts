import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENTITY_TYPES, type EntityType } from '../common/entity-type';
import { PACKAGE_ROOT } from '../common/package-root';
import { ContractValidator } from './contract-validator';

/** The contract files ship with the package, in schema/contracts. */
export const CONTRACTS_DIR = resolve(PACKAGE_ROOT, 'schema', 'contracts');

export function loadContractSchema(entityType: EntityType): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(CONTRACTS_DIR, `${entityType}.v1.json`), 'utf8')) as Record<string, unknown>;
}

/**
 * One validator per entity type and input style: `strict` for JSON (GraphQL, NDJSON) and `coercing` for
 * CSV, whose cells are all strings.
 */
export class ContractRegistry {
  private readonly strict = new Map<EntityType, ContractValidator>();
  private readonly coercing = new Map<EntityType, ContractValidator>();

  constructor() {
    for (const entityType of ENTITY_TYPES) {
      const schema = loadContractSchema(entityType);
      this.strict.set(entityType, new ContractValidator(entityType, schema));
      this.coercing.set(entityType, new ContractValidator(entityType, schema, { coerce: true }));
    }
  }

  validator(entityType: EntityType, options: { coerce?: boolean } = {}): ContractValidator {
    return (options.coerce ? this.coercing : this.strict).get(entityType)!;
  }
}
