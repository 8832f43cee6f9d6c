import { createHash } from 'node:crypto';
import type { EntityType } from '../../common/entity-type';
import { decideMatch } from './decide';
import { decisionOf, explainPair, levelsOf, scorePair } from './fellegi-sunter';
import type { FeatureCatalog, Features, FeatureValue } from './features/feature.types';
import { compileRules, type CompiledRules } from './rules/compile-rules';
import { keyFrequencyLimit, type MatchRules, type MultipleMatchPolicy } from './rules/match-rules';
import type { Attributes, MatchCandidate, MatchEngine, MatchOutcome, NormalizeContext, NormalizeResult, PairDecision, PairScore } from './types';

/** What an entity type brings to the generic engine: how to cleanse a record and what its features are. */
export interface EntityDefinition {
  readonly entityType: EntityType;
  readonly catalog: FeatureCatalog;
  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult;
  features(cleansed: Attributes): Features;
}

// A record with more values than this for one blocking rule (title tokens, nickname groups) keeps the first ones.
const MAX_KEYS_PER_RULE = 8;
const MAX_KEY_LENGTH = 180;

/** The Fellegi-Sunter engine, driven by a rules file: blocking keys, comparisons, weights and thresholds are data. */
export class RulesEngine implements MatchEngine {
  readonly entityType: EntityType;
  readonly maxKeyFrequency: number;
  readonly maxCandidates: number;
  readonly onMultipleMatches: MultipleMatchPolicy;
  private readonly compiled: CompiledRules;
  private readonly name: string;
  /** Each blocking rule's key limit, by name (a key starts with its rule's name and a colon). */
  private readonly frequencyLimits: ReadonlyMap<string, number>;

  constructor(
    private readonly definition: EntityDefinition,
    readonly rules: MatchRules,
  ) {
    this.entityType = definition.entityType;
    this.maxKeyFrequency = rules.maxKeyFrequency;
    this.maxCandidates = rules.maxCandidates;
    this.onMultipleMatches = rules.onMultipleMatches;
    this.frequencyLimits = new Map(rules.blocking.map((b) => [b.name, keyFrequencyLimit(rules, b)]));
    this.compiled = compileRules(rules, definition.catalog);
    this.name = `fellegi-sunter:${definition.entityType}`;
  }

  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult {
    return this.definition.normalize(attributes, context);
  }

  features(cleansed: Attributes): Features {
    return this.definition.features(cleansed);
  }

  blockingKeys(features: Features): string[] {
    const keys: string[] = [];
    for (const rule of this.rules.blocking) {
      let parts: string[] = [''];
      for (const feature of rule.on) {
        const values = valuesOf(features[feature]);
        if (values.length === 0) {
          parts = [];
          break;
        }
        parts = parts.flatMap((prefix) => values.map((v) => (prefix ? `${prefix}|${v}` : v)));
      }
      for (const part of parts.slice(0, MAX_KEYS_PER_RULE)) keys.push(boundedKey(`${rule.name}:${part}`));
    }
    return [...new Set(keys)];
  }

  maxFrequencyOf(key: string): number {
    return this.frequencyLimits.get(key.slice(0, key.indexOf(':'))) ?? this.maxKeyFrequency;
  }

  featureOf(comparison: string): string | undefined {
    return this.rules.comparisons.find((c) => c.name === comparison)?.feature;
  }

  compare(a: Features, b: Features): PairScore {
    return scorePair(this.compiled, a, b, this.name);
  }

  decidePair(a: Features, b: Features): PairDecision {
    const levels = levelsOf(this.compiled, a, b);
    let score: PairScore | undefined;
    return { decision: decisionOf(this.compiled, levels), scored: () => (score ??= explainPair(this.compiled, levels, a, this.name)) };
  }

  match(inbound: Features, candidates: readonly MatchCandidate[]): MatchOutcome {
    return decideMatch(inbound, candidates, (a, b) => this.compare(a, b));
  }
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
