import Ajv2020 from 'ajv/dist/2020';
import type { EntityType } from '../../../common/entity-type';
import type { FeatureCatalog, FeatureKind } from '../features/feature.types';
import type { LevelCondition, MatchRules } from './match-rules';

export class RulesError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  - ${problems.join('\n  - ')}`);
  }
}

// Which level conditions make sense for which kind of feature.
const CONDITIONS_BY_KIND: Record<FeatureKind, readonly string[]> = {
  text: ['exact', 'personalMailbox', 'householdMailbox', 'workAndPrivate', 'mistypedDomain', 'mistypedAddress', 'jaroWinkler', 'levenshtein', 'typo', 'fuse', 'tokenSet', 'containment', 'swappedWith', 'inOtherField', 'else'],
  name: ['exact', 'jaroWinkler', 'levenshtein', 'typo', 'fuse', 'tokenSet', 'containment', 'swappedWith', 'inOtherField', 'leadingFamilyName', 'else'],
  'given-name': ['exact', 'jaroWinkler', 'levenshtein', 'typo', 'transposed', 'rearranged', 'fuse', 'nickname', 'nicknameOfOneName', 'middleNames', 'initial', 'genderedForms', 'swappedWith', 'inOtherField', 'else'],
  phone: ['exact', 'sharedLine', 'unknownLine', 'landlineAndMobile', 'jaroWinkler', 'levenshtein', 'typo', 'else'],
  date: ['exact', 'dateTransposed', 'decadeSlip', 'yearsApart', 'yearsApartAtLeast', 'levenshtein', 'else'],
  number: ['exact', 'relativeDifference', 'else'],
  tokens: ['exact', 'sharedValue', 'similarValue', 'differentVariants', 'otherModelNumbers', 'otherPrefix', 'contradicts', 'finerShade', 'neighbourTone', 'numbersReplaced', 'extendedCode', 'containedCode', 'fitsOwnCode', 'openingCode', 'wordsReplaced', 'ownWordReplaced', 'wordsAdded', 'wordAddedFrom', 'sameButFirstWord', 'tokenSet', 'containment', 'else'],
};

/**
 * Checks a parsed rules file: its shape against schema/rules/match-rules.schema.json, then its meaning
 * against the entity's features (every feature exists, every condition suits its feature, levels end in
 * `else`, m and u are probability distributions over the levels, thresholds are ordered). Throws one
 * RulesError listing every problem with its path.
 */
export function validateRules(raw: unknown, entityType: EntityType, catalog: FeatureCatalog, schema: object, source: string): MatchRules {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  if (!validate(raw)) {
    throw new RulesError(
      source,
      // An enum's error names the values it allows, as the mapping checks do.
      (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : ''}`),
    );
  }
  const rules = raw as MatchRules;
  const problems: string[] = [];
  if (rules.entityType !== entityType) problems.push(`entityType: expected "${entityType}", got "${rules.entityType}"`);
  if (rules.thresholds.review > rules.thresholds.match) problems.push('thresholds: review must not be above match');
  const feature = (path: string, name: string): FeatureKind | undefined => {
    const kind = catalog[name];
    if (!kind) problems.push(`${path}: unknown feature "${name}" (known: ${Object.keys(catalog).join(', ')})`);
    return kind;
  };
  rules.blocking.forEach((rule, i) => rule.on.forEach((name, j) => feature(`blocking[${i}].on[${j}]`, name)));
  rules.blocking.forEach((rule, i) => rule.refine?.forEach((name, j) => feature(`blocking[${i}].refine[${j}]`, name)));
  // A refined rule's keys are named `<name>+`: no other rule may be called that.
  const ruleNames = new Set(rules.blocking.map((r) => r.name));
  rules.blocking.forEach((rule, i) => {
    if (rule.refine && ruleNames.has(`${rule.name}+`)) problems.push(`blocking[${i}] (${rule.name}): its refined keys are named "${rule.name}+", as another rule is`);
  });
  const names = new Set<string>();
  rules.comparisons.forEach((comparison, i) => {
    const path = `comparisons[${i}] (${comparison.name})`;
    if (names.has(comparison.name)) problems.push(`${path}: duplicate comparison name`);
    names.add(comparison.name);
    const kind = feature(`${path}.feature`, comparison.feature);
    comparison.levels.forEach((level, j) => {
      const condition = conditionName(level.when);
      if (kind && !CONDITIONS_BY_KIND[kind].includes(condition)) {
        problems.push(`${path}.levels[${j}] (${level.label}): "${condition}" does not apply to a ${kind} feature`);
      }
      if ('swappedWith' in level.when) feature(`${path}.levels[${j}].when.swappedWith`, level.when.swappedWith);
      if ('inOtherField' in level.when) feature(`${path}.levels[${j}].when.inOtherField`, level.when.inOtherField);
      if ('ownWordReplaced' in level.when) level.when.ownWordReplaced.forEach((name, k) => feature(`${path}.levels[${j}].when.ownWordReplaced[${k}]`, name));
      if (level.confirms && (condition === 'else' || level.veto)) {
        problems.push(`${path}.levels[${j}] (${level.label}): a level that confirms a match can be neither "else" nor a veto`);
      }
      const last = j === comparison.levels.length - 1;
      if ((condition === 'else') !== last) problems.push(`${path}.levels[${j}] (${level.label}): "else" must be the last level, and only the last`);
    });
    for (const parameter of ['m', 'u'] as const) {
      const sum = comparison.levels.reduce((total, level) => total + level[parameter], 0);
      if (Math.abs(sum - 1) > 0.02) {
        problems.push(`${path}: the ${parameter} values are the probabilities of the levels and must sum to 1 (they sum to ${sum.toFixed(3)})`);
      }
    }
    if (comparison.tf && !comparison.levels.some((l) => 'exact' in l.when)) problems.push(`${path}: tf needs an exact level to adjust`);
  });
  // A corroboration may also name a missing value and a near agreement that vetoes to review (a given name a
  // slip off): that is the veto it lifts. "else" and a "none" veto are disagreements it never outranks.
  const checkLevels = (path: string, levels: Readonly<Record<string, readonly string[]>>, agreeing: boolean, corroboration = false) => {
    for (const [name, labels] of Object.entries(levels)) {
      const comparison = rules.comparisons.find((c) => c.name === name);
      if (!comparison) {
        problems.push(`${path}.levels.${name}: unknown comparison (known: ${rules.comparisons.map((c) => c.name).join(', ')})`);
        continue;
      }
      for (const label of labels) {
        // "null" is where either record has no value: a conflict may ask for it ("no given name to tell"), and a
        // corroboration may allow it (a record without an id).
        if (label === 'null' && (!agreeing || corroboration)) continue;
        const level = comparison.levels.find((l) => l.label === label);
        if (!level) problems.push(`${path}.levels.${name}: no level "${label}" (levels: ${comparison.levels.map((l) => l.label).join(', ')})`);
        else if (agreeing && (corroboration ? level.veto === 'none' : level.veto)) problems.push(`${path}.levels.${name}: "${label}" is a disagreement (${corroboration ? 'a "none" veto' : 'a veto'}), not an agreement`);
        else if (agreeing && 'else' in level.when) problems.push(`${path}.levels.${name}: "${label}" is a disagreement ("else"), not an agreement`);
      }
    }
  };
  (rules.corroborations ?? []).forEach((c, i) => checkLevels(`corroborations[${i}] (${c.name})`, c.levels, true, true));
  (rules.conflicts ?? []).forEach((c, i) => {
    checkLevels(`conflicts[${i}] (${c.name})`, c.levels, false);
    if (c.needsWitness && !rules.witnesses) problems.push(`conflicts[${i}] (${c.name}): needsWitness, but the rules have no "witnesses"`);
  });
  if (rules.witnesses) {
    checkLevels('witnesses.agree', rules.witnesses.agree, true);
    checkLevels('witnesses.apart', rules.witnesses.apart, false);
  }
  (rules.countOnce ?? []).forEach((c, i) => {
    const path = `countOnce[${i}] (${c.name})`;
    // Agreements counted once may hinge on a disagreement (another street in the same town and postcode).
    checkLevels(`${path}.when`, c.when, c.agreements !== true);
    for (const name of c.comparisons) if (!rules.comparisons.some((x) => x.name === name)) problems.push(`${path}.comparisons: unknown comparison "${name}"`);
  });
  for (const name of Object.keys(rules.termFrequencies ?? {})) feature(`termFrequencies.${name}`, name);
  if (problems.length > 0) throw new RulesError(source, problems);
  return rules;
}

function conditionName(condition: LevelCondition): string {
  return Object.keys(condition)[0];
}
