import type { EntityType } from '../../common/entity-type';
import { blockingKeys, refinedRuleName } from './blocking-keys';
import { decideMatch } from './decide';
import { decisionOf, explainPair, levelsOf, scorePair, witnessLevels } from './fellegi-sunter';
import type { FeatureCatalog, Features } from './features/feature.types';
import { compileRules, type CompiledRules } from './rules/compile-rules';
import { keyFrequencyLimit, type AmbiguousMatchPolicy, type MatchRules, type MultipleMatchPolicy } from './rules/match-rules';
import type { Attributes, Grouped, MatchCandidate, MatchEngine, MatchOutcome, NormalizeContext, NormalizeResult, PairDecision, PairScore } from './types';

/** What an entity type brings to the generic engine: how to cleanse a record and what its features are. */
export interface EntityDefinition {
  readonly entityType: EntityType;
  readonly catalog: FeatureCatalog;
  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult;
  features(cleansed: Attributes): Features;
}

/** The Fellegi-Sunter engine, driven by a rules file: blocking keys, comparisons, weights and thresholds are data. */
export class RulesEngine implements MatchEngine {
  readonly entityType: EntityType;
  readonly maxKeyFrequency: number;
  readonly maxCandidates: number;
  readonly onMultipleMatches: MultipleMatchPolicy;
  readonly onAmbiguousMatch: AmbiguousMatchPolicy;
  private readonly compiled: CompiledRules;
  private readonly name: string;
  /** Whether any conflict of the rules needs a witness (see WitnessRule). */
  private readonly needsWitness: boolean;
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
    this.onAmbiguousMatch = rules.onAmbiguousMatch ?? 'link-best';
    // A refined key is as selective as a strong key (an email): it has the rules' general limit.
    this.frequencyLimits = new Map(
      rules.blocking.flatMap((b) => [[b.name, keyFrequencyLimit(rules, b)] as const, ...(b.refine ? [[refinedRuleName(b), rules.maxKeyFrequency] as const] : [])]),
    );
    this.compiled = compileRules(rules, definition.catalog);
    this.needsWitness = this.compiled.conflicts.some((c) => c.needsWitness);
    this.name = `fellegi-sunter:${definition.entityType}`;
  }

  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult {
    return this.definition.normalize(attributes, context);
  }

  features(cleansed: Attributes): Features {
    return this.definition.features(cleansed);
  }

  blockingKeys(features: Features): string[] {
    return blockingKeys(this.rules.blocking, features);
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
    const decision = decisionOf(this.compiled, levels);
    let score: PairScore | undefined;
    const scored = () => (score ??= explainPair(this.compiled, levels, a, this.name));
    // A conflict needing a witness vetoes to review: only a match can turn into a possible match.
    const witnessed = decision === 'match' && this.needsWitness ? decisionOf(this.compiled, levels, true) : decision;
    if (witnessed === decision) return { decision, scored };
    let asked: PairScore | undefined;
    return { decision, scored, witnessed: { decision: witnessed, scored: () => (asked ??= explainPair(this.compiled, levels, a, this.name, true)) } };
  }

  lookAlikes(record: Grouped, others: readonly Grouped[]): boolean {
    if (!this.compiled.witnesses) return false;
    const lookAlike = (a: Grouped, b: Grouped) => witnessLevels(this.compiled, levelsOf(this.compiled, a.features, b.features));
    const namesakes: Grouped[] = [];
    for (const other of others) {
      const seen = lookAlike(record, other);
      if (seen.agree && seen.apart && other.group !== record.group) return true;
      if (seen.agree) namesakes.push(other);
    }
    for (let i = 0; i < namesakes.length; i++) {
      for (let j = i + 1; j < namesakes.length; j++) {
        if (namesakes[i].group === namesakes[j].group) continue;
        const seen = lookAlike(namesakes[i], namesakes[j]);
        if (seen.agree && seen.apart) return true;
      }
    }
    return false;
  }

  match(inbound: Features, candidates: readonly MatchCandidate[]): MatchOutcome {
    return decideMatch(inbound, candidates, (a, b) => this.compare(a, b));
  }
}
