import { DEFAULT_SURVIVORSHIP, type SurvivorshipRules } from './survivorship.types';

/** The `survivorship` section as a rules file may write it: everything but `default` optional. */
export type SurvivorshipSection = Partial<SurvivorshipRules> & Pick<SurvivorshipRules, 'default'>;

/**
 * Completes a rules file's survivorship section (its shape was checked by the JSON schema) and checks its
 * meaning: every attribute named is one of the entity's, and no attribute is in two groups or both in a
 * group and listed on its own. Returns the problems found, each with its path.
 */
export function readSurvivorship(
  section: SurvivorshipSection | undefined,
  attributes: readonly string[],
): { rules: SurvivorshipRules; problems: string[] } {
  if (!section) return { rules: DEFAULT_SURVIVORSHIP, problems: [] };
  const rules: SurvivorshipRules = {
    default: section.default,
    attributes: section.attributes ?? {},
    groups: section.groups ?? [],
    conflictSensitive: section.conflictSensitive ?? [],
  };
  const problems: string[] = [];
  const known = new Set(attributes);
  const check = (path: string, name: string) => {
    if (!known.has(name)) problems.push(`${path}: unknown attribute "${name}" (known: ${attributes.join(', ')})`);
  };
  for (const name of Object.keys(rules.attributes)) check(`survivorship.attributes.${name}`, name);
  rules.conflictSensitive.forEach((name, i) => check(`survivorship.conflictSensitive[${i}]`, name));
  const groupOf = new Map<string, string>();
  rules.groups.forEach((group, i) => {
    group.attributes.forEach((name, j) => {
      const path = `survivorship.groups[${i}] (${group.name}).attributes[${j}]`;
      check(path, name);
      const other = groupOf.get(name);
      if (other !== undefined) problems.push(`${path}: "${name}" is already in group ${other}`);
      if (rules.attributes[name] !== undefined) problems.push(`${path}: "${name}" also has its own strategy under survivorship.attributes; a group member survives with its group`);
      groupOf.set(name, group.name);
    });
  });
  return { rules, problems };
}
