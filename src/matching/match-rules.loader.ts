import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENTITY_TYPES, type EntityType } from '../common/entity-type';
import { PACKAGE_ROOT } from '../common/package-root';
import { ENTITY_DEFINITIONS } from './engine/entities';
import type { MatchRules } from './engine/rules/match-rules';
import { RulesError, validateRules } from './engine/rules/validate-rules';

/** The rules the hub ships with, used until `canon rules train` writes trained ones into the rules folder. */
export const DEFAULT_RULES_DIR = resolve(PACKAGE_ROOT, 'schema', 'rules');
const SCHEMA = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'match-rules.schema.json'), 'utf8')) as object;

/** Where the rules of an entity type are read from: the rules folder if it has a file, else the shipped default. */
export function rulesPath(entityType: EntityType, rulesDir: string): string {
  const own = join(rulesDir, `${entityType}.rules.json`);
  return existsSync(own) ? own : join(DEFAULT_RULES_DIR, `${entityType}.rules.json`);
}

/** Reads and validates one rules file; a RulesError names the file and every problem in it. */
export function loadRulesFile(path: string, entityType: EntityType): MatchRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RulesError(path, [(error as Error).message]);
  }
  return validateRules(raw, entityType, ENTITY_DEFINITIONS[entityType].catalog, SCHEMA, path);
}

export function loadAllRules(rulesDir: string): Record<EntityType, MatchRules> {
  return Object.fromEntries(ENTITY_TYPES.map((t) => [t, loadRulesFile(rulesPath(t, rulesDir), t)])) as Record<EntityType, MatchRules>;
}
