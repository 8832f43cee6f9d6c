import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ENTITY_TYPES, type EntityType } from '../common/entity-type';
import { PACKAGE_ROOT } from '../common/package-root';
import { loadContractSchema } from '../contracts/contract-registry';
import { ContractValidator } from '../contracts/contract-validator';
import { readSurvivorship, type SurvivorshipSection } from '../survivorship/survivorship-rules';
import { DEFAULT_SURVIVORSHIP, type SurvivorshipRules } from '../survivorship/survivorship.types';
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
  const rules = validateRules(readRules(path, []), entityType, ENTITY_DEFINITIONS[entityType].catalog, SCHEMA, path);
  const survivorship = readSurvivorship(rules.survivorship as SurvivorshipSection | undefined, contractAttributes(entityType));
  if (survivorship.problems.length > 0) throw new RulesError(path, survivorship.problems);
  return { ...rules, survivorship: survivorship.rules };
}

/** The survivorship rules of loaded rules (loadRulesFile completed them). */
export function survivorshipOf(rules: MatchRules): SurvivorshipRules {
  return (rules.survivorship as SurvivorshipRules | undefined) ?? DEFAULT_SURVIVORSHIP;
}

/** The attributes of an entity's data contract: what survivorship chooses values for. */
function contractAttributes(entityType: EntityType): readonly string[] {
  return new ContractValidator(entityType, loadContractSchema(entityType)).attributes;
}

/**
 * A rules file, with `extends` resolved: a profile names a base file (relative to itself), replaces the
 * top-level fields it sets, and may switch off the vetoes of named comparisons (`withoutVetoes`, with the
 * conflicts that veto on them), so a
 * profile states only how it differs and follows every later change of its base.
 */
function readRules(path: string, seen: readonly string[]): Record<string, unknown> {
  if (seen.includes(path)) throw new RulesError(path, [`extends itself through ${seen.join(' → ')}`]);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new RulesError(path, [(error as Error).message]);
  }
  const { extends: base, withoutVetoes, ...own } = raw;
  if (base === undefined) return raw;
  if (typeof base !== 'string') throw new RulesError(path, ['extends: must be the path of a rules file']);
  const merged = { ...readRules(resolve(dirname(path), base), [...seen, path]), ...own };
  if (withoutVetoes !== undefined) {
    if (!Array.isArray(withoutVetoes)) throw new RulesError(path, ['withoutVetoes: must be a list of comparison names']);
    const comparisons = merged.comparisons as { name: string; levels: Record<string, unknown>[] }[];
    const unknown = withoutVetoes.filter((name) => !comparisons.some((c) => c.name === name));
    if (unknown.length > 0) throw new RulesError(path, [`withoutVetoes: no comparison named ${unknown.join(', ')}`]);
    merged.comparisons = comparisons.map((c) =>
      withoutVetoes.includes(c.name) ? { ...c, levels: c.levels.map(({ veto: _, ...level }) => level) } : c,
    );
    // A conflict vetoes on the first comparison it lists: it goes with that comparison's vetoes.
    const conflicts = merged.conflicts as { levels: Record<string, unknown> }[] | undefined;
    if (conflicts) merged.conflicts = conflicts.filter((c) => !withoutVetoes.includes(Object.keys(c.levels)[0]));
  }
  return merged;
}

export function loadAllRules(rulesDir: string): Record<EntityType, MatchRules> {
  return Object.fromEntries(ENTITY_TYPES.map((t) => [t, loadRulesFile(rulesPath(t, rulesDir), t)])) as Record<EntityType, MatchRules>;
}
