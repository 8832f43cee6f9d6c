import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { EntityType } from '../common/entity-type';
import { comparisonLevels, estimateU, expectationMaximisation, keepUnseen, matchProbability, seenLevels, termFrequencyTable, withTrainedParameters } from './engine/em';
import { ENTITY_DEFINITIONS } from './engine';
import { compileRules } from './engine/rules/compile-rules';
import { keyFrequencyLimit, type MatchRules } from './engine/rules/match-rules';
import { MatchingService } from './matching.service';
import { seededRandom } from '../common/seeded-random';

/**
 * Fewer live records than this give unreliable m and u, so `canon rules train` refuses to write rules
 * trained on fewer unless forced. u is measured on random pairs, and n records have only n(n-1)/2
 * distinct ones: 26 records give 325, so the 200,000 random pairs draw the same 325 again and again, a
 * level none of them reaches (an exact birth date, u about 1/20,000) is estimated at the add-one floor
 * 1/200,001 ≈ 5e-6, and each level that one pair reaches at about 1/325. EM likewise fits m to a few
 * dozen candidate pairs. 1,000 records give about 500,000 distinct pairs, so the random pairs are nearly
 * all different and a level with u ≈ 1e-4 is seen about 20 times (a standard error near 20%); the
 * blocking rules then yield hundreds to thousands of candidate pairs for EM.
 */
export const MIN_TRAINING_RECORDS = 1000;

// u and the prior are estimated again until they move by less than 1 % (a few rounds), at most this often.
const MAX_U_ROUNDS = 10;
const U_TOLERANCE = 0.01;

/** The sample was smaller than TrainingOptions.minRecords; nothing was trained. */
export class TooFewTrainingRecordsError extends Error {
  constructor(
    readonly entityType: EntityType,
    readonly records: number,
    readonly minimum: number,
  ) {
    super(`only ${records} live ${entityType} records to train on, fewer than ${minimum}: m and u estimated from so few records are unreliable`);
  }
}

export interface TrainingOptions {
  /** At most this many live source records are read (a random sample beyond it). */
  readonly maxRecords?: number;
  /** Refuse (TooFewTrainingRecordsError) when fewer records than this are read; no minimum beyond 10 if absent. */
  readonly minRecords?: number;
  readonly randomPairs?: number;
  /** At most this many candidate pairs per blocking rule go into EM. */
  readonly pairsPerRule?: number;
}

export interface TrainingReport {
  readonly records: number;
  readonly randomPairs: number;
  readonly rules: readonly { blocking: string; pairs: number; matchShare: number; iterations: number }[];
  readonly prior: number;
}

/**
 * Estimates the Fellegi-Sunter parameters of an entity type from the hub's own records, unsupervised,
 * the way Splink does: u from random pairs, m by expectation-maximisation on the candidate pairs of each
 * blocking rule (holding fixed the comparisons that rule blocks on, which are biased there), the prior
 * from the estimated number of matches, and term frequencies of the comparisons marked `tf`.
 */
@Injectable()
export class RulesTrainingService {
  constructor(
    private readonly database: Database,
    private readonly matching: MatchingService,
  ) {}

  async train(entityType: EntityType, options: TrainingOptions = {}): Promise<{ rules: MatchRules; report: TrainingReport }> {
    const rules = this.matching.rules[entityType];
    const engine = this.matching.engine(entityType);
    const compiled = compileRules(rules, ENTITY_DEFINITIONS[entityType].catalog);
    const records = await this.sample(entityType, options.maxRecords ?? 100_000);
    if (records.length < 10) throw new Error(`too few ${entityType} records to train on (${records.length}); import data first`);
    if (options.minRecords !== undefined && records.length < options.minRecords) throw new TooFewTrainingRecordsError(entityType, records.length, options.minRecords);
    const features = records.map((r) => this.matching.featuresOf(entityType, r.id, r.content_hash, r.normalized));
    const levelCounts = compiled.comparisons.map((c) => c.levels.length);

    const random = seededRandom(records.length);
    const randomPairs = Array.from({ length: options.randomPairs ?? 200_000 }, () => {
      const i = Math.floor(random() * features.length);
      let j = Math.floor(random() * (features.length - 1));
      if (j >= i) j++;
      return comparisonLevels(compiled, features[i], features[j]);
    });
    const shipped = (parameter: 'm' | 'u') => rules.comparisons.map((c) => c.levels.map((l) => l[parameter]));
    const [initialM, shippedU] = [shipped('m'), shipped('u')];
    // A comparison seen too rarely among the random pairs keeps its shipped u.
    const withShippedU = (estimated: readonly (number[] | null)[]) => estimated.map((levels, c) => levels ?? shippedU[c]);
    const seen = seenLevels(randomPairs, levelCounts);

    const keysByRule = new Map<string, Map<string, number[]>>();
    features.forEach((f, index) => {
      for (const key of engine.blockingKeys(f)) {
        const rule = key.slice(0, key.indexOf(':'));
        const groups = keysByRule.get(rule) ?? new Map<string, number[]>();
        keysByRule.set(rule, groups);
        const members = groups.get(key) ?? [];
        members.push(index);
        groups.set(key, members);
      }
    });

    const blockedPairs: BlockedPairs[] = rules.blocking.flatMap((blocking) => {
      const pairs = candidatePairs(keysByRule.get(blocking.name), keyFrequencyLimit(rules, blocking), options.pairsPerRule ?? 100_000, random);
      if (pairs.length < 10) return [];
      const levels = pairs.map(([i, j]) => comparisonLevels(compiled, features[i], features[j]));
      seenLevels(levels, levelCounts, seen);
      const blockedRoots = new Set(blocking.on.map(featureRoot));
      return [{ blocking: blocking.name, levels, estimate: rules.comparisons.map((c) => !blockedRoots.has(featureRoot(c.feature))) }];
    });
    const allPairs = (records.length * (records.length - 1)) / 2;
    const estimateM = (u: readonly (readonly number[])[]) => emOverBlockingRules(blockedPairs, initialM, u, allPairs);
    // The random pairs hold matches (many in a small, duplicated sample): estimate u again without the ones
    // the current m, u and prior call matches, then m with that u, until they settle.
    let estimatedU = estimateU(randomPairs, levelCounts);
    let u = withShippedU(estimatedU);
    let estimate = estimateM(u);
    for (let round = 0; round < MAX_U_ROUNDS; round++) {
      const { m: mNow, prior: priorNow } = estimate;
      const mKnown = mNow.map((levels, c) => levels ?? initialM[c]);
      const uNow = u;
      estimatedU = estimateU(randomPairs, levelCounts, (pair) => 1 - matchProbability(pair, mKnown, uNow, priorNow));
      u = withShippedU(estimatedU);
      estimate = estimateM(u);
      if (Math.abs(estimate.prior - priorNow) <= U_TOLERANCE * priorNow && largestChange(u, uNow) <= U_TOLERANCE) break;
    }
    const { m, reportRules, prior } = estimate;
    const termFrequencies = Object.fromEntries(
      rules.comparisons
        .filter((c) => c.tf)
        .map((c) => [c.feature, termFrequencyTable(features.map((f) => f[c.feature]).filter((v): v is string => typeof v === 'string' && v !== ''))]),
    );
    const report: TrainingReport = { records: records.length, randomPairs: randomPairs.length, rules: reportRules, prior };
    const training = { trainedAt: new Date().toISOString(), ...report };
    return { rules: withTrainedParameters(rules, keepUnseen(m, initialM, seen), keepUnseen(estimatedU, shippedU, seen), prior, termFrequencies, training), report };
  }

  private async sample(entityType: EntityType, max: number) {
    return this.database.query<{ id: string; content_hash: string; normalized: string }>(
      `SELECT id, content_hash, normalized FROM source_record WHERE entity_type = ? AND deleted = ? ORDER BY content_hash LIMIT ${max}`,
      [entityType, false],
    );
  }
}

interface BlockedPairs {
  readonly blocking: string;
  readonly levels: readonly Int8Array[];
  /** Per comparison, whether its m may be estimated from these pairs (not when the rule blocks on it). */
  readonly estimate: readonly boolean[];
}

/**
 * m by EM on each blocking rule's candidate pairs, averaged over the rules by their pair counts, and the
 * prior from the most matches any rule's pairs hold.
 */
function emOverBlockingRules(blockedPairs: readonly BlockedPairs[], initialM: readonly (readonly number[])[], u: readonly (readonly number[])[], allPairs: number) {
  const estimates = initialM.map(() => ({ sum: [] as number[], weight: 0 }));
  const reportRules: TrainingReport['rules'][number][] = [];
  let estimatedMatches = 0;
  for (const { blocking, levels, estimate } of blockedPairs) {
    const result = expectationMaximisation(levels, initialM, u, estimate);
    estimatedMatches = Math.max(estimatedMatches, result.lambda * levels.length);
    result.m.forEach((m, c) => {
      if (!m) return;
      const target = estimates[c];
      if (target.sum.length === 0) target.sum = m.map(() => 0);
      m.forEach((value, l) => (target.sum[l] += value * levels.length));
      target.weight += levels.length;
    });
    reportRules.push({ blocking, pairs: levels.length, matchShare: result.lambda, iterations: result.iterations });
  }
  const m = estimates.map((e) => (e.weight > 0 ? e.sum.map((sum) => sum / e.weight) : null));
  return { m, reportRules, prior: Math.min(Math.max(estimatedMatches / allPairs, 1e-9), 0.5) };
}

/** Pairs of records sharing a key of one blocking rule, generic keys left out, sampled down to `max`. */
function candidatePairs(groups: Map<string, number[]> | undefined, maxKeyFrequency: number, max: number, random: () => number): [number, number][] {
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (const members of groups?.values() ?? []) {
    if (members.length < 2 || members.length > maxKeyFrequency) continue;
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const [i, j] = members[a] < members[b] ? [members[a], members[b]] : [members[b], members[a]];
        const code = i * 4_294_967_296 + j;
        if (seen.has(code)) continue;
        seen.add(code);
        pairs.push([i, j]);
      }
    }
  }
  // Reservoir-free down-sampling: shuffle partially and keep the first `max`.
  for (let i = 0; i < Math.min(max, pairs.length); i++) {
    const j = i + Math.floor(random() * (pairs.length - i));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return pairs.slice(0, max);
}

// Features about the same thing share a root (familyName, familyPhonetic1 → family; birthDate, birthYear → birth).
function featureRoot(feature: string): string {
  return /^[a-z]+/.exec(feature)?.[0] ?? feature;
}

/** The largest relative change between two sets of level probabilities. */
function largestChange(next: readonly (readonly number[])[], previous: readonly (readonly number[])[]): number {
  let largest = 0;
  next.forEach((levels, c) => levels.forEach((value, l) => (largest = Math.max(largest, Math.abs(value - previous[c][l]) / previous[c][l]))));
  return largest;
}
