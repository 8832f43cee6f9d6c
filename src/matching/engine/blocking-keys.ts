import { createHash } from 'node:crypto';
import type { Features, FeatureValue } from './features/feature.types';
import type { BlockingRule } from './rules/match-rules';

// A record with more values than this for one blocking rule (title tokens, nickname groups) keeps the first ones.
const MAX_KEYS_PER_RULE = 8;
const MAX_KEY_LENGTH = 180;

/** The name a rule's refined keys carry: `dob` → `dob+`, so each level has its own keys and frequency. */
export function refinedRuleName(rule: Pick<BlockingRule, 'name'>): string {
  return `${rule.name}+`;
}

/**
 * The blocking keys of a record: per rule, one key per combination of its features' values
 * (`rule:value|value`). A rule with `refine` also gives each of its keys a refined form, the key with a
 * value of the refining features it does not already hold (`dob+:1980-01-02|a|b`: the birth date and
 * both initials): records sharing it share the coarse key too, so it adds no candidates while the
 * coarse key is in use, and takes over once the coarse key turns generic in a large hub.
 */
export function blockingKeys(rules: readonly BlockingRule[], features: Features): string[] {
  const keys: string[] = [];
  for (const rule of rules) {
    const values = rule.on.map((feature) => valuesOf(features[feature]));
    for (const part of joinedCombinations(values).slice(0, MAX_KEYS_PER_RULE)) keys.push(boundedKey(`${rule.name}:${part}`));
    if (!rule.refine) continue;
    const refined = [...new Set(combinations(values).flatMap((part) => refinedParts(rule.on, rule.refine!, part, features)))];
    for (const part of refined.slice(0, MAX_KEYS_PER_RULE)) keys.push(boundedKey(`${refinedRuleName(rule)}:${part}`));
  }
  return [...new Set(keys)];
}

/**
 * The refined forms of one coarse key: its values and the refining ones, grouped by feature, each
 * feature's values sorted. A feature both keyed and refining (the initials) gives one key whichever of
 * its values the coarse key held: Ann Berg's `dob:…|a` and `dob:…|b` both refine to `dob+:…|a|b`. A
 * record with nothing to add gets the coarse values alone (only records as bare as it share that one).
 */
function refinedParts(on: readonly string[], refine: readonly string[], part: readonly string[], features: Features): string[] {
  const order = [...new Set([...on, ...refine])];
  const refining = refine.map((feature) => valuesOf(features[feature]));
  return refinements(refining, part).map((extra) => {
    const byFeature = new Map(order.map((feature) => [feature, new Set<string>()]));
    on.forEach((feature, i) => byFeature.get(feature)!.add(part[i]));
    refine.forEach((feature, i) => {
      if (extra[i] !== '') byFeature.get(feature)!.add(extra[i]);
    });
    return order.map((feature) => [...byFeature.get(feature)!].sort().join('|')).join('|');
  });
}

/**
 * The values a coarse key is refined by: per refining feature, its values the key does not hold yet (the
 * other name's initial for a key on one initial); a feature with no such value adds an empty part.
 */
export function refinements(refining: readonly (readonly string[])[], part: readonly string[]): string[][] {
  const held = new Set(part);
  return combinations(refining.map((values) => {
    const fresh = values.filter((v) => !held.has(v));
    return fresh.length > 0 ? fresh : [''];
  }));
}

/** Every way of taking one value from each list, joined with `|` (as combinations, without the arrays: every record's every key goes through here). */
function joinedCombinations(lists: readonly (readonly string[])[]): string[] {
  let out = [''];
  for (let i = 0; i < lists.length; i++) {
    const values = lists[i];
    if (values.length === 0) return [];
    out = values.length === 1 ? out.map((prefix) => (i === 0 ? values[0] : `${prefix}|${values[0]}`)) : out.flatMap((prefix) => values.map((v) => (i === 0 ? v : `${prefix}|${v}`)));
  }
  return out;
}

/** Every way of taking one value from each list, in order; none when a list is empty. */
function combinations(lists: readonly (readonly string[])[]): string[][] {
  let out: string[][] = [[]];
  for (const values of lists) {
    if (values.length === 0) return [];
    out = out.flatMap((prefix) => values.map((v) => [...prefix, v]));
  }
  return out;
}

function valuesOf(value: FeatureValue | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  return Array.isArray(value) ? value.filter((v) => v !== '') : [String(value)];
}

// Keys stay within the column's width; a long one keeps a readable prefix and a hash of the rest.
function boundedKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `${key.slice(0, MAX_KEY_LENGTH - 17)}#${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
