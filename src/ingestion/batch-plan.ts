import { uuidv7 } from '../common/database/uuid';
import type { GoldenEvent, GoldenState, RecordMove, SourceRecordState, SourceRecordWrite } from '../golden-records/golden-record.types';
import type { Attributes, Features, MatchCandidate, MatchEngine, MatchOutcome, PairScore } from '../matching/engine/types';
import { decideMatch } from '../matching/engine/decide';
import { PairMemo } from '../matching/engine/pair-memo';
import { isGenericKey } from '../matching/key-frequency';
import type { KeyedCandidate } from '../matching/matching.service';
import { conflictTasks } from '../stewardship/conflict-tasks';
import type { PotentialMatchSubjects, ReviewTaskWrite } from '../stewardship/review-task.types';
import { recomputeGolden, type RecomputeContext, type Recomputed } from '../golden-records/recompute-golden';
import type { PreparedRecord, RecordResult } from './ingest.types';
import { canonicalOrder, COMPONENT_LIMIT, keptGoldenIds, mostCommon, type Placement } from './regroup';

/** What the plan reads before it starts: loaded in a few bulk queries inside the batch's transaction. */
export interface BatchSnapshot {
  readonly existing: readonly SourceRecordState[];
  readonly candidates: readonly KeyedCandidate[];
  /** Every source record of every golden record the batch can touch. */
  readonly members: readonly SourceRecordState[];
  readonly goldens: readonly GoldenState[];
  /** Stewards' not-a-match decisions touching those source records, as pairs of source record ids. */
  readonly cannotLinks: readonly (readonly [string, string])[];
  /** Stewards' merge decisions touching those source records (absent: none). */
  readonly mustLinks?: readonly (readonly [string, string])[];
  /**
   * Open potential matches from earlier batches asked by, or naming, a record of those golden records
   * (absent: none; see `StoredQuestion`). Loaded where the batch's source holds each entity once, with the
   * golden records of their records among `members`.
   */
  readonly questions?: readonly StoredQuestion[];
}

/** An open potential-match task from an earlier batch: its record and candidates are found through `members`. */
export interface StoredQuestion {
  readonly id: string;
  readonly subjects: PotentialMatchSubjects;
}

export interface BatchContext extends RecomputeContext {
  readonly source: string;
  readonly engine: MatchEngine;
  /** The source holds each entity once: its record never joins a golden record holding another of its records. */
  readonly uniqueRecords: boolean;
  /** Sources flagged as holding each entity once: two golden records holding records of one never merge. */
  readonly uniqueSources: ReadonlySet<string>;
  /** The matcher's features of a stored record (cached by the matching service). */
  featuresOf(record: SourceRecordState): Features;
  /** Pair scores already computed for this batch (by `reachOf`); the plan adds its own. */
  readonly pairs?: PairMemo;
}

/** What a batch needs of the stored candidates, and the golden records it can touch. */
export interface Reach {
  /** Stored candidates (one row per shared key) scoring above 'none' against a record the batch must match. */
  readonly candidates: KeyedCandidate[];
  /** Golden records of those candidates and of the records the batch updates. */
  readonly goldenIds: string[];
}

/**
 * What a batch can touch: the golden records of the records it updates, and those holding a stored
 * candidate that scores above 'none' against a record it must match. Only these need their golden
 * record, source records and steward decisions loaded: a candidate scoring 'none' never takes part in a
 * decision (see `BatchPlan.candidatesFor`), and most candidates a blocking key finds score 'none'.
 */
export function reachOf(
  prepared: readonly PreparedRecord[],
  existing: readonly SourceRecordState[],
  candidates: readonly KeyedCandidate[],
  pairs: PairMemo,
): Reach {
  const byKey = byBlockKey(candidates);
  const stored = new Map(existing.map((r) => [r.sourceId, r]));
  const seen = new Set<string>();
  const kept = new Set<KeyedCandidate>();
  for (const record of prepared) {
    // A record the plan will find unchanged needs no candidates; a sourceId met again in the batch is
    // compared with its own earlier version there (which may differ from the stored one), so it always is.
    const unchanged = !seen.has(record.sourceId) && stored.get(record.sourceId)?.contentHash === record.contentHash;
    seen.add(record.sourceId);
    if (!record.features || unchanged) continue;
    for (const key of record.keys) {
      for (const candidate of byKey.get(key) ?? []) {
        if (!kept.has(candidate) && pairs.decision(record.features, candidate.features) !== 'none') kept.add(candidate);
      }
    }
  }
  return withGoldens(existing, [...kept]);
}

function byBlockKey(candidates: readonly KeyedCandidate[]): Map<string, KeyedCandidate[]> {
  const byKey = new Map<string, KeyedCandidate[]>();
  for (const candidate of candidates) {
    const list = byKey.get(candidate.blockKey);
    if (list) list.push(candidate);
    else byKey.set(candidate.blockKey, [candidate]);
  }
  return byKey;
}

/** The reach of a batch once candidates' golden ids were read again (a steward may have moved them). */
export function withGoldens(existing: readonly SourceRecordState[], candidates: KeyedCandidate[]): Reach {
  return { candidates, goldenIds: [...new Set([...existing.map((r) => r.goldenId), ...candidates.map((c) => c.goldenId)])] };
}

type Ranked = MatchOutcome['ranked'][number];

/**
 * Where a regrouping puts each record of a component; and this batch's tasks once the component's
 * potential matches are the regrouping's (`targets`: each group's golden id). Stored questions stand, or
 * are closed once answered (resolveWhereTogether); one already open is not asked twice (notAskedYet).
 */
interface Regrouping {
  readonly placed: Map<string, Placement>;
  readonly adopt: (tasks: readonly ReviewTaskWrite[], targets: ReadonlyMap<string, string>) => ReviewTaskWrite[];
}

/** A record sharing a blocking key with the one being linked, and how many keys it shares. */
interface Neighbour {
  readonly candidate: MatchCandidate;
  shared: number;
}

/**
 * Scores closer than this (in bits of match weight) do not say which of two golden records a record belongs
 * to: a factor of two in likelihood, a near tie beside the bits a telling agreement carries (a colour, a
 * model code: 1.4 to 5 bits in the product rules).
 */
const AMBIGUOUS_WITHIN = 1;

/** Where an inbound record goes among the golden records it matches. */
interface MatchChoice {
  /** The golden record it links to, or null. */
  readonly link: Ranked | null;
  /** Other golden records it matches as strongly: it bridges them. */
  readonly bridged: readonly Ranked[];
  /** Golden records it matches but holding a record it disagrees with decisively: a steward decides. */
  readonly passedOver: readonly Ranked[];
}

/** Everything one batch writes, in one transaction. */
export interface BatchWrites {
  readonly sourceRecords: SourceRecordWrite[];
  /** Blocking keys of stored source records that this batch rewrote: they are replaced by `keys`. */
  readonly staleKeys: { sourceRecordId: string; blockKey: string }[];
  /** Rewritten records stored before their keys were listed: their keys are found by record. */
  readonly unlistedKeys: string[];
  readonly keys: { sourceRecordId: string; blockKey: string }[];
  readonly goldens: GoldenState[];
  readonly events: GoldenEvent[];
  /** Possible matches the matcher could not decide: each record started its own golden record meanwhile. */
  readonly reviewTasks: ReviewTaskWrite[];
  /** Source records moved because their golden record merged into another (rules `onMultipleMatches: merge`). */
  readonly moves: RecordMove[];
  /** Golden records this batch merged, each group as one golden record now: their open tasks about one another are answered. */
  readonly mergedGroups: string[][];
  /** Golden records records were regrouped out of or into: their open tasks may have been answered. */
  readonly regrouped: string[];
  /**
   * Stored questions (`BatchSnapshot.questions`) a regrouping asked again otherwise, or no longer asks:
   * `answered` where the record is now in the golden record of one of its candidates, `withdrawn` otherwise.
   */
  readonly storedQuestions: { readonly answered: string[]; readonly withdrawn: string[] };
  /** The matcher's features of the records written, to cache for the batches that meet them as candidates. */
  readonly features: ReadonlyMap<string, Features>;
  readonly goldenCreated: number;
  readonly goldenUpdated: number;
}

/**
 * Links the records of one batch to golden records, in order, then recomputes each golden record the
 * batch touched. Pure: it works on a snapshot loaded up front and returns the rows to write, so a batch
 * costs a constant number of statements however many records it holds. Records earlier in the batch are
 * candidates for later ones, exactly as if they had arrived one by one.
 */
export class BatchPlan {
  private readonly byIdentity = new Map<string, SourceRecordState>();
  private readonly members = new Map<string, Map<string, SourceRecordState>>();
  private readonly goldens = new Map<string, GoldenState>();
  private readonly storedCandidates: Map<string, KeyedCandidate[]>;
  /** Blocking keys of records written by this batch, which replace whatever the database holds for them. */
  private readonly batchKeys = new Map<string, Set<string>>();
  private readonly touched = new Map<string, SourceRecordWrite>();
  private readonly touchedFeatures = new Map<string, Features>();
  private reviewTasks: ReviewTaskWrite[] = [];
  private readonly moves: RecordMove[] = [];
  /** Golden records this batch merged away, and where into. */
  private readonly mergedAway = new Map<string, string>();
  /** Touched records that were already stored before this batch: their stored keys must go. */
  private readonly storedBefore = new Map<string, SourceRecordState>();
  private readonly newKeys = new Map<string, string[]>();
  private readonly affectedGoldens = new Set<string>();
  /** A golden record left without any source record, and the golden record its last one moved to. */
  private readonly emptiedInto = new Map<string, string>();
  private readonly causes = new Map<string, Set<string>>();
  /** Source record → the source records a steward said it does not match. */
  private readonly cannotLinked = new Map<string, Set<string>>();
  private readonly pairs: PairMemo;
  /** The record being linked, when two look-alikes of its name share a key with it (see seesLookAlikes). */
  private witnessed: Features | null = null;
  /** A pair's score; the record being linked is scored witnessed when two look-alikes stand beside it. */
  private readonly compare = (a: Features, b: Features): PairScore =>
    this.witnessed !== null && (a === this.witnessed || b === this.witnessed) ? this.pairs.compareWitnessed(a, b) : this.pairs.compare(a, b);
  /** Stored records this batch moved on their own (not with their golden record): where they are now. */
  private readonly relocated = new Map<string, string>();
  private readonly regrouped = new Set<string>();
  /** Golden records a regrouping emptied: their tasks are settled record by record (resolveWhereTogether), not as merged. */
  private readonly regroupEmptied = new Set<string>();
  /** Off in the plan that groups a component again (it must not recurse). */
  private settles = true;
  /** The pair that linked each record this batch linked to an existing golden record. */
  private readonly links = new Map<string, PairScore>();
  /** Records in a steward's must-link decision: their grouping is the steward's, never regrouped. */
  private readonly stewardLinked: ReadonlySet<string>;
  /** Where each loaded stored record was when the batch began (its golden record now: see placeOf). */
  private readonly home = new Map<string, string>();
  /** Open questions of earlier batches, and those a regrouping no longer asks as they stand (closed at the end). */
  private readonly storedQuestions: readonly StoredQuestion[];
  private readonly settledQuestions = new Set<string>();

  constructor(
    private readonly context: BatchContext,
    snapshot: BatchSnapshot,
  ) {
    this.pairs = context.pairs ?? new PairMemo(context.engine);
    for (const record of snapshot.existing) this.byIdentity.set(record.sourceId, record);
    for (const record of snapshot.members) {
      this.memberMap(record.goldenId).set(record.id, record);
      this.home.set(record.id, record.goldenId);
    }
    for (const golden of snapshot.goldens) this.goldens.set(golden.id, golden);
    for (const [a, b] of snapshot.cannotLinks) {
      this.cannotLinkSet(a).add(b);
      this.cannotLinkSet(b).add(a);
    }
    this.storedCandidates = byBlockKey(snapshot.candidates);
    this.stewardLinked = new Set((snapshot.mustLinks ?? []).flat());
    this.storedQuestions = snapshot.questions ?? [];
  }

  /**
   * Links one record. `source` is the record's source: the batch's, except in the plan that groups a
   * component again, whose records come from every source of the component.
   */
  apply(record: PreparedRecord, source: string = this.context.source): RecordResult {
    const previous = this.byIdentity.get(record.sourceId);
    const result = (outcome: RecordResult['outcome'], goldenId: string | null, warnings: RecordResult['warnings'] = []) => ({
      index: record.index,
      sourceId: record.sourceId,
      outcome,
      goldenId,
      errors: [],
      warnings: [...record.warnings, ...warnings],
    });
    if (previous && previous.contentHash === record.contentHash) return result('UNCHANGED', previous.goldenId);
    if (previous?.sourceUpdatedAt && record.updatedAt && record.updatedAt < previous.sourceUpdatedAt) {
      return result('UNCHANGED', previous.goldenId, [
        { field: 'updatedAt', code: 'STALE_UPDATE', message: `ignored: the hub already holds a newer version (${previous.sourceUpdatedAt})` },
      ]);
    }
    if (record.deleted) {
      if (!previous) {
        return result('UNCHANGED', null, [{ field: 'sourceId', code: 'NOT_FOUND', message: 'nothing to delete: no record with this sourceId' }]);
      }
      this.write(record, previous, previous.normalized, previous.goldenId, [], null, null, source);
      return result('UPDATED', previous.goldenId);
    }
    const { cleansed, features, keys } = record as PreparedRecord & { cleansed: Attributes; features: Features };
    const neighbours = this.neighboursOf(keys, previous);
    const { candidates, contested } = this.candidatesFor(features, neighbours, previous, source);
    // A father and a son of one name beside it: the questions only such a household raises are asked (see WitnessRule).
    this.witnessed = this.seesLookAlikes(features, candidates, neighbours, previous) ? features : null;
    try {
      const outcome = decideMatch(features, candidates, this.compare);
      const choice = this.chooseMatch(features, outcome, previous?.id);
      const matched = choice.link ? this.resolve(choice.link.goldenId) : null;
      const goldenId = this.chooseGolden(previous, matched);
      const linked = matched !== null && goldenId === matched && goldenId !== previous?.goldenId;
      const written = this.write(record, previous, cleansed, goldenId, keys, features, linked ? choice.link!.pair : null, source);
      if (linked) this.links.set(written.id, choice.link!.pair);
      // An updated record already in one of the possible golden records needs no steward.
      const inOneOf = (ranked: readonly Ranked[]) => ranked.some((r) => this.resolve(r.goldenId) === goldenId);
      if (outcome.action === 'review' && !inOneOf(outcome.ranked)) this.openReview(written, outcome, outcome.ranked);
      // One task for the record: the golden records passed over and those a steward must merge or not.
      const passedOver = inOneOf(choice.passedOver) ? [] : choice.passedOver;
      const own = () => this.resolve(written.goldenId);
      const heldBack = outcome.action === 'link' ? this.heldBackByWitness(features, outcome, candidates) : [];
      const toReview = [...passedOver, ...heldBack, ...(linked ? this.bridge(written, choice.bridged) : [])].filter(
        (r) => this.resolve(r.goldenId) !== own() && !this.goldensCannotLink(own(), this.resolve(r.goldenId)),
      );
      if (toReview.length > 0) this.openReview(written, outcome, toReview);
      this.settleComponent(written.id, outcome, contested);
      return result(previous ? 'UPDATED' : 'CREATED', this.locationOf(written.id)!);
    } finally {
      this.witnessed = null;
    }
  }

  /** A record's result with the golden record it is in at the end of the batch (a later record may have moved it). */
  settled(result: RecordResult): RecordResult {
    const record = result.sourceId === null || result.goldenId === null ? undefined : this.byIdentity.get(result.sourceId);
    return record ? { ...result, goldenId: this.locationOf(record.id) ?? this.resolve(record.goldenId) } : result;
  }

  /** Recomputes every touched golden record from its source records and returns the rows to write. */
  finish(): BatchWrites {
    const goldens: GoldenState[] = [];
    const events: GoldenEvent[] = [];
    let goldenCreated = 0;
    let goldenUpdated = 0;
    for (const goldenId of [...this.affectedGoldens].sort()) {
      const change = this.recompute(goldenId);
      if (!change) continue;
      goldens.push(change.golden);
      events.push(change.event);
      this.reviewTasks.push(...conflictTasks(change.golden, change.newConflicts, this.context.now));
      if (change.event.type === 'created') goldenCreated++;
      else goldenUpdated++;
    }
    // A task of this batch between golden records it merged or regrouped afterwards has been answered.
    const open = this.reviewTasks.map((task) => (task.kind === 'potential_match' ? this.whereNow(task) : task)).filter((task) => !this.answered(task));
    const settled = this.storedQuestions.filter((q) => this.settledQuestions.has(q.id));
    const answered = settled.filter((q) => q.subjects.candidates.some((c) => this.placeOf(c.sourceRecordId) === this.placeOf(q.subjects.sourceRecordId)));
    return {
      mergedGroups: this.mergedGroups(),
      regrouped: [...this.regrouped],
      storedQuestions: { answered: answered.map((q) => q.id), withdrawn: settled.filter((q) => !answered.includes(q)).map((q) => q.id) },
      sourceRecords: [...this.touched.values()],
      staleKeys: [...this.storedBefore.values()].flatMap((r) => (r.matchKeys ?? []).map((blockKey) => ({ sourceRecordId: r.id, blockKey }))),
      unlistedKeys: [...this.storedBefore.values()].filter((r) => r.matchKeys === null).map((r) => r.id),
      reviewTasks: open,
      moves: this.moves,
      features: this.touchedFeatures,
      keys: [...this.newKeys].flatMap(([sourceRecordId, keys]) => keys.map((blockKey) => ({ sourceRecordId, blockKey }))),
      goldens,
      events,
      goldenCreated,
      goldenUpdated,
    };
  }

  /** A potential-match task with its golden ids as they are at the end of the batch (records may have moved since). */
  private whereNow(task: ReviewTaskWrite): ReviewTaskWrite {
    const subjects = task.subjects as PotentialMatchSubjects;
    const at = (goldenId: string, sourceRecordId: string) => this.locationOf(sourceRecordId) ?? this.resolve(goldenId);
    return {
      ...task,
      goldenId: at(task.goldenId, subjects.sourceRecordId),
      subjects: { ...subjects, candidates: subjects.candidates.map((c) => ({ ...c, goldenId: at(c.goldenId, c.sourceRecordId) })) },
    };
  }

  private answered(task: ReviewTaskWrite): boolean {
    const candidates = (task.subjects as { candidates?: { goldenId: string }[] }).candidates ?? [];
    return task.kind === 'potential_match' && candidates.length > 0 && candidates.every((c) => c.goldenId === task.goldenId);
  }

  /** Each golden record that absorbed others in this batch, with those it absorbed. */
  private mergedGroups(): string[][] {
    const groups = new Map<string, string[]>();
    for (const from of this.mergedAway.keys()) {
      if (this.regroupEmptied.has(from)) continue;
      const into = this.resolve(from);
      groups.set(into, [...(groups.get(into) ?? [into]), from]);
    }
    return [...groups.values()];
  }

  /**
   * The record's neighbours, each with the number of keys it shares: the stored records in reach that
   * share a key with it (minus those this batch rewrote), and this batch's own records sharing one.
   */
  private neighboursOf(keys: readonly string[], previous: SourceRecordState | undefined): Map<string, Neighbour> {
    const self = previous?.id;
    const found = new Map<string, Neighbour>();
    const add = (candidate: MatchCandidate) => {
      const entry = found.get(candidate.sourceRecordId);
      if (entry) entry.shared++;
      else found.set(candidate.sourceRecordId, { candidate, shared: 1 });
    };
    for (const key of keys) {
      const stored = this.storedCandidates.get(key) ?? [];
      const inBatch = this.batchKeys.get(key);
      // A key more entities hold than the rules allow is generic within a batch as it is across batches
      // (a catalogue of one brand shares its brand and title words): it finds nothing.
      if (isGenericKey(stored.length + (inBatch?.size ?? 0), () => this.entitiesHolding(stored, inBatch), this.context.engine.maxFrequencyOf(key))) continue;
      for (const candidate of stored) {
        if (candidate.sourceRecordId !== self && !this.touched.has(candidate.sourceRecordId)) {
          const goldenId = this.resolve(this.relocated.get(candidate.sourceRecordId) ?? candidate.goldenId);
          add(goldenId === candidate.goldenId ? candidate : { ...candidate, goldenId });
        }
      }
      for (const sourceRecordId of inBatch ?? []) {
        if (sourceRecordId === self) continue;
        const record = this.touched.get(sourceRecordId)!;
        add({ sourceRecordId, goldenId: this.resolve(record.goldenId), features: this.touchedFeatures.get(sourceRecordId)!, contentHash: record.contentHash });
      }
    }
    return found;
  }

  /**
   * The neighbours that score above 'none' (the others take no part in the decision, and their golden
   * records may not be loaded) and that the record may join; when there are more than the rules'
   * maxCandidates, those sharing the most keys.
   */
  private candidatesFor(
    features: Features,
    neighbours: ReadonlyMap<string, Neighbour>,
    previous: SourceRecordState | undefined,
    source: string,
  ): { candidates: MatchCandidate[]; contested: MatchCandidate[] } {
    const self = previous?.id;
    let entries = [...neighbours.values()].filter((e) => this.pairs.decision(features, e.candidate.features) !== 'none');
    if (previous && this.cannotLinked.size > 0) entries = entries.filter((e) => !this.forbidden(previous, e.candidate.goldenId));
    // A golden record already holding another record of a source that holds each entity once is taken:
    // the record cannot join it, but it contests the place (see settleComponent).
    let contested: Neighbour[] = [];
    if (this.isUnique(source)) {
      contested = entries.filter((e) => this.holdsOtherFromSource(e.candidate.goldenId, self, source));
      entries = entries.filter((e) => !contested.includes(e));
    }
    const max = this.context.engine.maxCandidates;
    if (entries.length > max) {
      entries.sort((a, b) => b.shared - a.shared || (a.candidate.sourceRecordId < b.candidate.sourceRecordId ? -1 : 1));
      entries = entries.slice(0, max);
    }
    return { candidates: entries.map((e) => e.candidate), contested: contested.map((e) => e.candidate) };
  }

  /** Whether a source holds each entity once. */
  private isUnique(source: string): boolean {
    return source === this.context.source ? this.context.uniqueRecords : this.context.uniqueSources.has(source);
  }

  /**
   * Whether the record's pairs are scored with the conflicts that need a witness: a candidate's match hangs
   * on one (a record with no birth date sharing only the household's street and landline with a stored
   * one), and two look-alikes of its name (a father and his son: birth dates a generation apart, or a Sr
   * beside a record without) are among it and the records sharing a key with it. A household whose
   * records show one Anthony MacLeod links him as before; one whose records show two asks a steward.
   */
  private seesLookAlikes(features: Features, candidates: readonly MatchCandidate[], neighbours: ReadonlyMap<string, Neighbour>, previous: SourceRecordState | undefined): boolean {
    if (!candidates.some((c) => this.pairs.hangsOnWitness(features, c.features))) return false;
    const others = [...neighbours.values()].map(({ candidate }) => ({ features: candidate.features, group: candidate.goldenId }));
    return this.context.engine.lookAlikes({ features, group: previous ? this.resolve(previous.goldenId) : null }, others);
  }

  /**
   * The golden records the record would have matched but for a conflict that two look-alikes beside it
   * witnessed (a father's and a son's): when it links elsewhere, a steward still says which, if either.
   */
  private heldBackByWitness(features: Features, outcome: MatchOutcome, candidates: readonly MatchCandidate[]): Ranked[] {
    if (this.witnessed === null) return [];
    const byId = new Map(candidates.map((c) => [c.sourceRecordId, c.features]));
    return outcome.ranked.filter((r) => r.pair.decision === 'possible' && this.pairs.hangsOnWitness(features, byId.get(r.sourceRecordId)!));
  }

  /** The golden records, as they stand in this batch, of a key's stored holders and of this batch's. */
  private entitiesHolding(stored: readonly KeyedCandidate[], inBatch: ReadonlySet<string> | undefined): number {
    const goldens = new Set<string>();
    for (const candidate of stored) {
      if (!this.touched.has(candidate.sourceRecordId)) goldens.add(this.resolve(this.relocated.get(candidate.sourceRecordId) ?? candidate.goldenId));
    }
    for (const sourceRecordId of inBatch ?? []) goldens.add(this.resolve(this.touched.get(sourceRecordId)!.goldenId));
    return goldens.size;
  }

  /**
   * A steward said the record, or a record of the golden record it is in, is not a match for a record of
   * `goldenId`: the matcher may not put them together again.
   */
  private forbidden(previous: SourceRecordState, goldenId: string): boolean {
    return this.recordCannotLink(previous.id, goldenId) || this.goldensCannotLink(this.resolve(previous.goldenId), goldenId);
  }

  private goldensCannotLink(x: string, y: string): boolean {
    if (this.cannotLinked.size === 0) return false;
    for (const member of this.memberMap(x).keys()) if (this.recordCannotLink(member, y)) return true;
    return false;
  }

  private recordCannotLink(sourceRecordId: string, goldenId: string): boolean {
    const partners = this.cannotLinked.get(sourceRecordId);
    if (!partners) return false;
    for (const member of this.memberMap(goldenId).keys()) if (partners.has(member)) return true;
    return false;
  }

  private cannotLinkSet(sourceRecordId: string): Set<string> {
    let set = this.cannotLinked.get(sourceRecordId);
    if (!set) {
      set = new Set();
      this.cannotLinked.set(sourceRecordId, set);
    }
    return set;
  }

  private holdsOtherFromSource(goldenId: string, self: string | undefined, source: string): boolean {
    for (const member of this.memberMap(goldenId).values()) {
      if (member.source === source && member.id !== self && !member.deleted) return true;
    }
    return false;
  }

  /**
   * A new record joins the golden record it matches or starts a new one. An existing record stays where it
   * is (golden ids stay stable), unless it is the only record left in its golden record and now matches
   * another one: then it moves and its old golden record is retired as merged into the new one.
   */
  private chooseGolden(previous: SourceRecordState | undefined, matched: string | null): string {
    if (!previous) return matched ?? uuidv7();
    if (!matched || matched === previous.goldenId) return previous.goldenId;
    const others = [...this.memberMap(previous.goldenId).values()].filter((m) => m.id !== previous.id);
    if (previous.deleted ? others.some((m) => !m.deleted) : others.length > 0) return previous.goldenId;
    if (others.length === 0) this.emptiedInto.set(previous.goldenId, matched);
    return matched;
  }

  /** Where a golden record ended up if this batch merged it into another. */
  private resolve(goldenId: string): string {
    let id = goldenId;
    for (let next = this.mergedAway.get(id); next; next = this.mergedAway.get(id)) id = next;
    return id;
  }

  /**
   * The best golden record the record matches, and the others it matches too. Unless the rules merge
   * plainly (`merge`), a golden record it would join only through records that cannot tell it from one of
   * the others (its twin, linked through a record without a given name) is passed over, for a steward:
   * whichever of the three arrives last, they never end up together without one. A record that matches
   * two golden records a steward declared different joins neither.
   */
  private chooseMatch(features: Features, outcome: MatchOutcome, self: string | undefined): MatchChoice {
    if (outcome.action !== 'link') return { link: null, bridged: [], passedOver: [] };
    const matches: Ranked[] = [];
    for (const ranked of outcome.ranked) {
      if (ranked.pair.decision === 'match' && !matches.some((m) => this.resolve(m.goldenId) === this.resolve(ranked.goldenId))) matches.push(ranked);
    }
    // It matches two golden records a steward declared different (twins, and it has no given name): nothing
    // here tells which one it belongs to, so it joins neither, under every policy, and a steward decides.
    const top = matches.length > 1 ? this.resolve(matches[0].goldenId) : null;
    if (top && matches.slice(1).some((m) => this.goldensCannotLink(top, this.resolve(m.goldenId)))) return { link: null, bridged: [], passedOver: matches };
    const policy = this.context.engine.onMultipleMatches;
    if (policy === 'merge') return { link: matches[0], bridged: matches.slice(1), passedOver: [] };
    // Golden records it matches about as strongly but cannot tell apart where the matcher keeps them apart
    // (two variants of a laptop told apart by memory it does not list): which one it belongs to is a coin
    // toss, so it joins neither and a steward decides. It may still join a golden record it matches plainly.
    const reviewsAmbiguity = this.context.engine.onAmbiguousMatch === 'review' && policy !== 'link-best';
    const ambiguous = reviewsAmbiguity ? matches.filter((m) => matches.some((other) => other !== m && this.cannotTellApart(features, m, other, self))) : [];
    const passedOver = [...ambiguous, ...matches.filter((m) => !ambiguous.includes(m) && this.chainsThroughMissing(features, this.resolve(m.goldenId), self))];
    const best = matches.find((m) => !ambiguous.includes(m));
    // Passed over the best match, the record is ambiguous: it links to none of them, a steward decides.
    if (!best || passedOver.includes(best)) return { link: null, bridged: [], passedOver: matches };
    return { link: best, bridged: matches.filter((m) => m !== best && !passedOver.includes(m)), passedOver };
  }

  /**
   * Whether a record matching two golden records about as strongly (within AMBIGUOUS_WITHIN bits) cannot
   * tell them apart: a record of one and a record of the other are two entities by a veto on a comparison
   * where it has no value of its own.
   */
  private cannotTellApart(features: Features, one: Ranked, other: Ranked, self: string | undefined): boolean {
    if (Math.abs(one.pair.explanation.totalWeight - other.pair.explanation.totalWeight) >= AMBIGUOUS_WITHIN) return false;
    const engine = this.context.engine;
    const live = (goldenId: string) =>
      [...this.memberMap(this.resolve(goldenId)).values()].filter((m) => !m.deleted && m.id !== self).map((m) => this.featuresOf(m));
    const others = live(other.goldenId);
    for (const x of live(one.goldenId)) {
      for (const y of others) {
        const pair = this.compare(x, y);
        if (pair.decision !== 'none') continue; // they may be one entity: a steward's question, no coin toss
        const groups = vetoGroups(pair);
        if (groups.some((group) => group.some((comparison) => !isInformative(features[engine.featureOf(comparison) ?? ''])))) return true;
      }
    }
    return false;
  }

  /**
   * The record linked to its best match but matches other golden records as strongly: it bridges them.
   * The rules decide: a steward reviews merging them (`review`, unless the bridge only settles a doubt or
   * their records would have joined one by one in another order), they merge now (`merge`), they merge
   * unless two of their records disagree decisively (`merge-consistent`), or nothing (`link-best`).
   * Merges happen one at a time, each checked against what the golden record holds by then. Returns
   * the bridged golden records left for a steward.
   */
  private bridge(record: SourceRecordWrite, bridged: readonly Ranked[]): Ranked[] {
    const policy = this.context.engine.onMultipleMatches;
    if (policy === 'link-best') return [];
    const toReview: Ranked[] = [];
    for (const ranked of bridged) {
      const into = this.resolve(record.goldenId);
      const from = this.resolve(ranked.goldenId);
      if (from === into || this.goldensCannotLink(into, from)) continue;
      const merges =
        policy === 'merge'
          ? true
          : policy === 'merge-consistent'
            ? !this.goldensDisagree(into, from)
            : this.settlesDoubt(record, into, from) || this.joinsRecordByRecord(record, into, from);
      if (this.bothHoldRecordOfUniqueSource(into, from) || !merges) toReview.push(ranked);
      else this.mergeGolden(from, into, record.id);
    }
    return toReview;
  }

  /**
   * Under `review`: whether the bridging record only settles a doubt the matcher already had about two
   * golden records, so that they merge as they would have had the records arrived in another order
   * (sequence neutrality). Every pair of their live records must already be at least a possible match,
   * and every decisive disagreement between two of them must be on a comparison where the bridging
   * record has a value of its own and disagrees decisively with neither (a typo it sees past). Golden
   * records that do not look alike, or a bridge without a value to tell twins apart, go to a steward.
   */
  private settlesDoubt(bridge: SourceRecordWrite, into: string, from: string): boolean {
    const engine = this.context.engine;
    const bridgeFeatures = this.featuresOf(bridge);
    const live = (goldenId: string) => [...this.memberMap(goldenId).values()].filter((m) => !m.deleted && m.id !== bridge.id).map((m) => this.featuresOf(m));
    const others = live(from);
    for (const x of live(into)) {
      for (const y of others) {
        const pair = this.compare(x, y);
        if (pair.decision === 'none') return false;
        for (const group of vetoGroups(pair)) {
          if (!group.every((comparison) => isInformative(bridgeFeatures[engine.featureOf(comparison) ?? '']))) return false;
          const [toX, toY] = [this.compare(bridgeFeatures, x), this.compare(bridgeFeatures, y)];
          if (group.some((comparison) => vetoesOn(toX, comparison) || vetoesOn(toY, comparison))) return false;
        }
      }
    }
    return true;
  }

  /**
   * Under `review`, the other way a bridge merges: the two golden records would have become one had their
   * records arrived in another order, each joining as a newcomer does (`chainsThroughMissing`). Every
   * disagreement between a record of one and a record of the other must be one a newcomer joins past: a
   * record beside one of them (the bridge included) matches the other on real values there, or disagrees
   * with it there too. A pair that scores 'none' with nothing against it (too little in common, as a record
   * with only an email and one with only a phone) is no disagreement a value settles: it passes only when
   * the golden records look alike without the bridge (some pair across them is at least a possible match).
   * Otherwise a steward decides, as for twins chained through a record without a given name.
   */
  private joinsRecordByRecord(bridge: SourceRecordWrite, into: string, from: string): boolean {
    const live = (goldenId: string) =>
      [...this.memberMap(goldenId).values()].filter((m) => !m.deleted).map((m) => ({ id: m.id, features: this.featuresOf(m) }));
    const [xs, ys] = [live(into), live(from)];
    type Member = (typeof xs)[number];
    // `newcomer` joins past its disagreement with `other` through a record beside `other`.
    const joinsPast = (newcomer: Member, other: Member, beside: Member[], disagreement: Disagreement) =>
      beside.some((voucher) => voucher.id !== other.id && this.vouches(newcomer.features, voucher.features, other.features, disagreement));
    let alike = false;
    let unsupported = false;
    for (const x of xs) {
      if (x.id === bridge.id) continue;
      for (const y of ys) {
        const pair = this.compare(x.features, y.features);
        if (pair.decision !== 'none') alike = true;
        for (const disagreement of disagreementsOf(pair)) {
          if (disagreement.comparisons.length === 0) unsupported = true;
          if (!joinsPast(y, x, xs, disagreement) && !joinsPast(x, y, ys, disagreement)) return false;
        }
      }
    }
    return alike || !unsupported;
  }

  /**
   * Whether a newcomer that matches `voucher` joins past its disagreement with `other` there: the voucher
   * has real values on the comparisons it rests on and the newcomer matches them, or the voucher
   * disagrees with `other` there too (its golden record already holds both values).
   */
  private vouches(newcomer: Features, voucher: Features, other: Features, { comparisons, plain }: Disagreement): boolean {
    const pair = this.compare(newcomer, voucher);
    if (pair.decision !== 'match') return false;
    const engine = this.context.engine;
    const against = this.compare(voucher, other);
    const feature = (comparison: string) => engine.featureOf(comparison) ?? '';
    // Compared on real values, or (where the newcomer has no value to compare) the voucher holds the
    // value `other` has: a mobile number ties the voucher to `other` where the newcomer lists none. A
    // comparison none of the three has a value for (no email anywhere) tells nothing either way. Nor does
    // a value missing where the golden record already holds a match missing it (no birth date to tell
    // father from son): when only `other` lacks it, `other` stands in the golden record on what its
    // matches said; when the newcomer and the voucher both lack it, the voucher matches `other` without it.
    const lacks = (record: Features, comparison: string) => !isInformative(record[feature(comparison)]);
    const compared = (comparison: string) =>
      pair.explanation.comparisons.some((c) => c.comparison === comparison && c.level !== 'null' && !lacks(voucher, comparison)) ||
      (lacks(other, comparison) && !lacks(newcomer, comparison)) ||
      (lacks(newcomer, comparison) && (agreesOn(against, comparison) || (lacks(voucher, comparison) && (lacks(other, comparison) || against.decision === 'match'))));
    if (comparisons.every(compared)) return true;
    return comparisons.some((comparison) => (plain ? scoresAgainst(against, comparison) : disagreesOn(against, comparison)));
  }

  /** Both golden records hold a record of one source that holds each entity once: they are two entities. */
  private bothHoldRecordOfUniqueSource(x: string, y: string): boolean {
    const uniqueSourcesOf = (goldenId: string) =>
      new Set([...this.memberMap(goldenId).values()].filter((m) => !m.deleted && this.context.uniqueSources.has(m.source)).map((m) => m.source));
    const inX = uniqueSourcesOf(x);
    return inX.size > 0 && [...uniqueSourcesOf(y)].some((source) => inX.has(source));
  }

  /**
   * Whether the record would join the golden record only through records that cannot tell it from one of
   * the others: it disagrees with some record M, decisively (a veto) or plainly (a pair scoring 'none',
   * on every comparison where it scores against), and no record it matches has values of its own there
   * to compare (none, or an initial), nor disagrees with M there itself. That is how a record without a
   * given name, or with an initial, chains twins together, and one with only a name and a birth date
   * namesakes in two cities. A record it matches on real values, or one that disagrees with M too (the
   * golden record already holds both values: a typo, an identifier, a move, a steward's merge), lets it
   * join as usual.
   */
  private chainsThroughMissing(features: Features, goldenId: string, self: string | undefined): boolean {
    const disagreeing: { member: Features; groups: Disagreement[] }[] = [];
    const matched: Features[] = [];
    for (const member of this.memberMap(goldenId).values()) {
      if (member.deleted || member.id === self) continue;
      const memberFeatures = this.featuresOf(member);
      const pair = this.compare(features, memberFeatures);
      const groups = disagreementsOf(pair);
      if (groups.length > 0) disagreeing.push({ member: memberFeatures, groups });
      else if (pair.decision === 'match') matched.push(memberFeatures);
    }
    return disagreeing.some(({ member, groups }) => groups.some((group) => !matched.some((voucher) => this.vouches(features, voucher, member, group))));
  }

  /**
   * Whether two golden records hold a pair of live records that disagree decisively. The record that
   * bridges them matches both, so it cannot tell such a pair apart: a steward must.
   */
  private goldensDisagree(x: string, y: string): boolean {
    const others = [...this.memberMap(y).values()].filter((m) => !m.deleted).map((m) => this.featuresOf(m));
    for (const member of this.memberMap(x).values()) {
      if (member.deleted) continue;
      const features = this.featuresOf(member);
      if (others.some((other) => this.compare(features, other).explanation.vetoed)) return true;
    }
    return false;
  }

  private featuresOf(record: SourceRecordState): Features {
    return this.touchedFeatures.get(record.id) ?? this.context.featuresOf(record);
  }

  /** Moves every source record of `from` into `into`; `from` is then empty and recorded as merged into `into`. */
  private mergeGolden(from: string, into: string, cause: string): void {
    const target = this.memberMap(into);
    for (const member of this.memberMap(from).values()) {
      const moved: SourceRecordState = { ...member, goldenId: into, previousGoldenIds: [...member.previousGoldenIds, from] };
      target.set(member.id, moved);
      const written = this.touched.get(member.id);
      if (written) this.touched.set(member.id, { ...written, goldenId: into, previousGoldenIds: moved.previousGoldenIds });
      // A later record of this batch with the same identity must find it where it now is.
      if (member.source === this.context.source && this.byIdentity.get(member.sourceId)?.id === member.id) {
        this.byIdentity.set(member.sourceId, written ? this.touched.get(member.id)! : moved);
      }
      this.moves.push({ sourceRecordId: member.id, goldenId: into, previousGoldenIds: moved.previousGoldenIds });
    }
    this.memberMap(from).clear();
    this.mergedAway.set(from, into);
    this.emptiedInto.set(from, into);
    this.affect(from, cause);
    this.affect(into, cause);
  }

  /** A possible match: the record keeps its own golden record and a steward decides. */
  private openReview(record: SourceRecordWrite, outcome: MatchOutcome, candidates: MatchOutcome['ranked']): void {
    this.reviewTasks.push({
      id: uuidv7(),
      entityType: this.context.entityType,
      kind: 'potential_match',
      goldenId: record.goldenId,
      subjects: {
        sourceRecordId: record.id,
        source: record.source,
        sourceId: record.sourceId,
        candidates: candidates.slice(0, 5).map((r) => ({ goldenId: this.resolve(r.goldenId), sourceRecordId: r.sourceRecordId, score: r.pair.score })),
      },
      // The task proposes its first candidate: its score and waterfall, not those of a link made beside it.
      score: candidates[0]?.pair.score ?? outcome.score,
      explanation: candidates[0]?.pair.explanation ?? outcome.explanation,
      createdAt: this.context.now,
    });
  }

  private write(
    record: PreparedRecord,
    previous: SourceRecordState | undefined,
    normalized: Attributes,
    goldenId: string,
    keys: readonly string[],
    features: Features | null,
    link: PairScore | null,
    source: string,
  ): SourceRecordWrite {
    const next: SourceRecordWrite = {
      id: previous?.id ?? uuidv7(),
      entityType: this.context.entityType,
      source,
      sourceId: record.sourceId,
      contentHash: record.contentHash,
      attributes: record.attributes,
      normalized,
      sourceUpdatedAt: record.updatedAt,
      receivedAt: this.context.now,
      deleted: record.deleted,
      goldenId,
      // A record that moves (it was alone and now matches another golden record) remembers where from.
      previousGoldenIds: !previous ? [] : goldenId === previous.goldenId ? previous.previousGoldenIds : [...previous.previousGoldenIds, previous.goldenId],
      matchKeys: keys,
      linkScore: link?.score ?? null,
      linkExplanation: link?.explanation ?? null,
    };
    if (previous) {
      if (!this.touched.has(previous.id)) this.storedBefore.set(previous.id, previous);
      this.memberMap(previous.goldenId).delete(previous.id);
      this.affect(previous.goldenId, next.id);
      for (const key of this.newKeys.get(previous.id) ?? []) this.batchKeys.get(key)?.delete(previous.id);
    }
    this.memberMap(goldenId).set(next.id, next);
    this.affect(goldenId, next.id);
    this.byIdentity.set(next.sourceId, next);
    this.touched.set(next.id, next);
    if (features) this.touchedFeatures.set(next.id, features);
    this.newKeys.set(next.id, [...keys]);
    for (const key of keys) {
      const set = this.batchKeys.get(key) ?? new Set<string>();
      set.add(next.id);
      this.batchKeys.set(key, set);
    }
    return next;
  }

  private affect(goldenId: string, sourceRecordId: string): void {
    this.affectedGoldens.add(goldenId);
    const causes = this.causes.get(goldenId) ?? new Set<string>();
    causes.add(sourceRecordId);
    this.causes.set(goldenId, causes);
  }

  private memberMap(goldenId: string): Map<string, SourceRecordState> {
    let map = this.members.get(goldenId);
    if (!map) {
      map = new Map();
      this.members.set(goldenId, map);
    }
    return map;
  }

  /**
   * Sequence neutrality. Linking one record at a time is greedy: where two records disagree (a veto, a
   * pair too different to match), which of them a third record joins depends on which came first. So
   * when a record touches several golden records, or joins one holding such a pair, their records are
   * grouped again as if they had arrived in one canonical order (the fullest records first, then by
   * content hash), and records move to where that grouping puts them. Where a source holds each entity
   * once, records compete for a place and no order is fair: the component, with the golden records its
   * records could take instead (withNeighbours) and those of records whose open question names a place
   * in it now taken (withRivals), is grouped by its matching pairs (pairedGroups), and its questions,
   * stored ones included, are asked again. Steward decisions are never regrouped: a component holding a
   * pinned golden record, a record with a steward's match decision, or a tombstone, stays as it is.
   */
  private settleComponent(recordId: string, outcome: MatchOutcome, contested: readonly MatchCandidate[]): void {
    if (!this.settles) return;
    const own = this.locationOf(recordId)!;
    const candidates = [...outcome.ranked, ...contested];
    const near = [...new Set([own, ...candidates.map((r) => this.locationOf(r.sourceRecordId) ?? this.resolve(r.goldenId))])];
    const membersOf = (goldenIds: readonly string[]) => goldenIds.flatMap((goldenId) => [...this.memberMap(goldenId).values()].map((state) => ({ state, goldenId })));
    const nearMembers = membersOf(near);
    const paired = nearMembers.some((m) => this.isUnique(m.state.source));
    const goldenIds = paired ? this.withRivals(this.withNeighbours(near)) : near;
    const members = paired ? membersOf(goldenIds) : nearMembers;
    if (members.length > COMPONENT_LIMIT || !this.mayRegroup(goldenIds, members.map((m) => m.state))) return;
    const states = members.map((m) => m.state);
    // One golden record is left as it is unless two of its records disagree: only then can order matter.
    // Grouped by pairs, its questions are asked again (a record of it that asked one may now be linked).
    if (goldenIds.length < 2 && !paired && !this.holdsDisagreement(states)) return;
    const { placed, adopt } = paired ? this.pairedGroups(states) : this.canonicalGroups(states);
    const groups = new Map<string, typeof members>();
    for (const member of members) {
      const group = placed.get(member.state.id)!.group;
      groups.set(group, [...(groups.get(group) ?? []), member]);
    }
    const sizes = new Map<string, number>();
    for (const { goldenId } of members) sizes.set(goldenId, (sizes.get(goldenId) ?? 0) + 1);
    const unchanged = [...groups.values()].every((group) => group.every((m) => m.goldenId === group[0].goldenId) && sizes.get(group[0].goldenId) === group.length);
    // Grouped by pairs, a component's questions are asked again even where it stays as it is: the arrival
    // order asked its own (a listing whose match was taken asked nothing, arriving first it had linked).
    // Its golden records count as regrouped, so that a question still open is not asked twice.
    if (unchanged && !paired) return;
    if (unchanged) for (const goldenId of goldenIds) this.regrouped.add(goldenId);
    const targets = keptGoldenIds(groups);
    for (const [nestedGroup, group] of groups) {
      const target = targets.get(nestedGroup)!;
      for (const member of group) if (member.goldenId !== target) this.relocate(member.state, member.goldenId, target, placed.get(member.state.id)!.link);
    }
    // A golden record left empty is merged into the one that took most of its records.
    for (const goldenId of goldenIds) {
      if (this.memberMap(goldenId).size > 0) continue;
      const into = mostCommon(members.filter((m) => m.goldenId === goldenId).map((m) => targets.get(placed.get(m.state.id)!.group)!));
      this.mergedAway.set(goldenId, into);
      this.emptiedInto.set(goldenId, into);
      this.regroupEmptied.add(goldenId);
    }
    if (!paired) {
      this.reviewTasks = adopt(this.reviewTasks, targets);
      return;
    }
    // The open questions of earlier batches about the component are asked again with this batch's: one
    // asked again as it stands stays open (and is not asked twice); the others are closed (finish).
    const inside = new Set(states.map((s) => s.id));
    const stored = this.storedQuestions.filter((q) => {
      const { sourceRecordId, candidates } = q.subjects;
      const ids = [sourceRecordId, ...candidates.map((c) => c.sourceRecordId)];
      return !this.settledQuestions.has(q.id) && ids.some((id) => inside.has(id)) && ids.every((id) => this.stateAt(id) !== undefined);
    });
    const asked = adopt([...this.reviewTasks, ...stored.map((q) => this.asTask(q))], targets);
    const standing = new Set(stored.map((q) => questionKey(q.subjects)));
    const reasked = new Set(asked.filter((t) => t.kind === 'potential_match').map((t) => questionKey(t.subjects as PotentialMatchSubjects)));
    for (const q of stored) if (!reasked.has(questionKey(q.subjects))) this.settledQuestions.add(q.id);
    this.reviewTasks = asked.filter((t) => t.kind !== 'potential_match' || !standing.has(questionKey(t.subjects as PotentialMatchSubjects)));
  }

  /** A stored question as a task of this batch, to be asked again (see adopt). */
  private asTask(q: StoredQuestion): ReviewTaskWrite {
    const goldenId = this.placeOf(q.subjects.sourceRecordId)!;
    const subjects = { ...q.subjects, candidates: q.subjects.candidates.map((c) => ({ ...c, goldenId: this.placeOf(c.sourceRecordId)! })) };
    const { entityType, now } = this.context;
    return { id: q.id, entityType, kind: 'potential_match', goldenId, subjects, score: null, explanation: null, createdAt: now };
  }

  /** The golden record a loaded record is in now (undefined for a record not loaded). */
  private placeOf(sourceRecordId: string): string | undefined {
    const at = this.locationOf(sourceRecordId);
    if (at !== undefined) return at;
    const home = this.home.get(sourceRecordId);
    return home === undefined ? undefined : this.resolve(home);
  }

  /** A loaded record as it stands now. */
  private stateAt(sourceRecordId: string): SourceRecordState | undefined {
    const at = this.placeOf(sourceRecordId);
    return at === undefined ? undefined : this.memberMap(at).get(sourceRecordId);
  }

  /**
   * The golden records, and, for each open question (of an earlier batch or this one) naming a place among
   * them now taken for its record (holding another record of its source, which holds each entity once),
   * the golden record of that record and the other places the question names: with the rival gone, its
   * strongest match left may be plain, and it links as it would had the taker arrived before it. All of
   * a question's golden records join, or none (may not be regrouped, or past COMPONENT_LIMIT).
   */
  private withRivals(goldenIds: readonly string[]): string[] {
    const grown = new Set(goldenIds);
    let size = goldenIds.reduce((sum, goldenId) => sum + this.memberMap(goldenId).size, 0);
    const questions = [
      ...this.storedQuestions.filter((q) => !this.settledQuestions.has(q.id)).map((q) => q.subjects),
      ...this.reviewTasks.filter((t) => t.kind === 'potential_match').map((t) => t.subjects as PotentialMatchSubjects),
    ];
    const open = new Set(questions);
    for (let grew = true; grew; ) {
      grew = false;
      for (const question of open) {
        const record = this.stateAt(question.sourceRecordId);
        if (!record || record.deleted || !this.isUnique(record.source)) {
          open.delete(question);
          continue;
        }
        const places = question.candidates.map((c) => this.placeOf(c.sourceRecordId));
        if (!places.some((at) => at !== undefined && grown.has(at) && this.holdsOtherFromSource(at, record.id, record.source))) continue;
        open.delete(question);
        const added = [...new Set([this.placeOf(record.id)!, ...places.filter((at): at is string => at !== undefined)])].filter((at) => !grown.has(at));
        const records = added.flatMap((at) => [...this.memberMap(at).values()]);
        if (added.length === 0 || size + records.length > COMPONENT_LIMIT || !this.mayRegroup(added, records)) continue;
        for (const at of added) grown.add(at);
        size += records.length;
        grew = true;
      }
    }
    return [...grown];
  }

  /**
   * The golden records, and those holding a record that shares a key with one of theirs and scores above
   * 'none' against it: where records compete for a place, a record that loses its place to another may
   * take its next best, which need not be among the golden records the incoming record touched (it
   * joins none of them). Those that may not be regrouped, or past COMPONENT_LIMIT, are left out.
   */
  private withNeighbours(goldenIds: readonly string[]): string[] {
    const grown = new Set(goldenIds);
    let size = goldenIds.reduce((sum, goldenId) => sum + this.memberMap(goldenId).size, 0);
    for (const goldenId of goldenIds) {
      for (const member of this.memberMap(goldenId).values()) {
        const features = this.featuresOf(member);
        for (const { candidate } of this.neighboursOf(this.context.engine.blockingKeys(features), member).values()) {
          const at = this.locationOf(candidate.sourceRecordId) ?? this.resolve(candidate.goldenId);
          const records = [...this.memberMap(at).values()];
          if (grown.has(at) || size + records.length > COMPONENT_LIMIT || this.pairs.decision(features, candidate.features) === 'none') continue;
          if (!this.mayRegroup([at], records)) continue;
          grown.add(at);
          size += records.length;
        }
      }
    }
    return [...grown];
  }

  private mayRegroup(goldenIds: readonly string[], records: readonly SourceRecordState[]): boolean {
    if (goldenIds.some((id) => Object.keys(this.pinsFor(id)).length > 0)) return false;
    return !records.some((r) => r.deleted || this.cannotLinked.has(r.id) || this.stewardLinked.has(r.id));
  }

  /**
   * Where each record lands when a source holds each entity once. Then records compete for a place (one
   * listing of a retailer per product), and linking them one by one gives it to whichever came first, in
   * the canonical order as in the arrival order. Instead the pairs that match (sharing a blocking key,
   * decision 'match') are linked strongest first, each joining its two groups unless that would put two
   * records of such a source together, or two records that disagree decisively, or its record matches a
   * rival still open about as strongly (see `ambiguous`). Pairs within AMBIGUOUS_WITHIN bits of the
   * strongest open one are as strong: of those, the pair whose records have the fewest other open pairs
   * goes first, so that a record with one match left is not robbed of it by a record with another (two
   * grills and two listings: one listing names the model code, both name the series), then the stronger,
   * then by content. What it gives depends on which records there are, not on their order.
   */
  private pairedGroups(records: readonly SourceRecordState[]): Regrouping {
    const engine = this.context.engine;
    const features = new Map(records.map((r) => [r.id, this.featuresOf(r)]));
    const keys = new Map(records.map((r) => [r.id, new Set(engine.blockingKeys(features.get(r.id)!))]));
    type Pair = { readonly a: SourceRecordState; readonly b: SourceRecordState; readonly pair: PairScore; readonly weight: number; readonly hash: string };
    const scored: Pair[] = [];
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        const [a, b] = [records[i], records[j]];
        if ((a.source === b.source && this.isUnique(a.source)) || ![...keys.get(a.id)!].some((k) => keys.get(b.id)!.has(k))) continue;
        const pair = this.compare(features.get(a.id)!, features.get(b.id)!);
        const hash = [a.contentHash, b.contentHash].sort().join('\u0000');
        if (pair.decision !== 'none') scored.push({ a, b, pair, weight: pair.explanation.totalWeight, hash });
      }
    }
    const pairs = scored.filter((p) => p.pair.decision === 'match');
    const byStrength = (x: Pair, y: Pair) => y.weight - x.weight || (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0);
    const group = new Map(records.map((r) => [r.id, [r]]));
    const joinable = (x: SourceRecordState, y: SourceRecordState) => {
      const [gx, gy] = [group.get(x.id)!, group.get(y.id)!];
      const sources = new Set(gx.filter((r) => this.isUnique(r.source)).map((r) => r.source));
      if (gx === gy || gy.some((r) => sources.has(r.source))) return false;
      return !gx.some((u) => gy.some((v) => this.compare(features.get(u.id)!, features.get(v.id)!).explanation.vetoed));
    };
    // A record matching two records of one source about as strongly, which a veto keeps apart on a value it
    // does not have (two variants of a laptop, and a listing naming neither), joins neither while both are
    // open to it (chooseMatch: a golden record holding a record of its source is no candidate).
    const reviewsAmbiguity = engine.onAmbiguousMatch === 'review' && engine.onMultipleMatches !== 'link-best';
    const ambiguous = (x: SourceRecordState, { a, b, weight }: Pair) => {
      const y = a === x ? b : a;
      return pairs.some((p) => {
        const other = p.a === x ? p.b : p.b === x ? p.a : null;
        if (other === null || other === y || other.source !== y.source || Math.abs(p.weight - weight) >= AMBIGUOUS_WITHIN || !joinable(x, other)) return false;
        const between = this.compare(features.get(y.id)!, features.get(other.id)!);
        return between.decision === 'none' && vetoGroups(between).some((g) => g.some((c) => !isInformative(features.get(x.id)![engine.featureOf(c) ?? ''])));
      });
    };
    const isOpen = (p: Pair) => joinable(p.a, p.b) && !(reviewsAmbiguity && (ambiguous(p.a, p) || ambiguous(p.b, p)));
    const links = new Map<string, PairScore>();
    for (let open = pairs.filter(isOpen); open.length > 0; open = pairs.filter(isOpen)) {
      const strongest = Math.max(...open.map((p) => p.weight));
      const options = new Map<SourceRecordState, number>();
      for (const { a, b } of open) for (const r of [a, b]) options.set(r, (options.get(r) ?? 0) + 1);
      const others = (p: Pair) => options.get(p.a)! + options.get(p.b)!;
      const [{ a, b, pair }] = open.filter((p) => p.weight > strongest - AMBIGUOUS_WITHIN).sort((x, y) => others(x) - others(y) || byStrength(x, y));
      // The smaller group joins the larger; the record joining is explained by this pair.
      const [ga, gb] = [group.get(a.id)!, group.get(b.id)!];
      const [into, from, joining] = ga.length >= gb.length ? [ga, gb, b] : [gb, ga, a];
      links.set(joining.id, pair);
      for (const r of from) {
        into.push(r);
        group.set(r.id, into);
      }
    }
    const placed = new Map<string, Placement>();
    for (const r of records) {
      const members = group.get(r.id)!;
      placed.set(r.id, { group: members.map((m) => m.id).sort()[0], link: members.length > 1 ? (links.get(r.id) ?? null) : null });
    }
    // The component's questions are asked again (see `asks`). Where two of its records would ask about each
    // other, the one last in the canonical order asks. A task of this batch about a record outside it keeps
    // the candidates `asks` still keeps, as does the one of a record inside it about records outside.
    const rank = new Map(canonicalOrder(records).map((r, i) => [r.id, i]));
    const inside = new Set(records.map((r) => r.id));
    const other = (p: Pair, r: SourceRecordState) => (p.a === r ? p.b : p.a);
    const adopt = (tasks: readonly ReviewTaskWrite[]) => {
      const earlier = new Map<string, PotentialMatchSubjects['candidates']>();
      const kept = tasks.flatMap((task): ReviewTaskWrite[] => {
        const subjects = task.subjects as PotentialMatchSubjects;
        if (task.kind !== 'potential_match') return [task];
        if (inside.has(subjects.sourceRecordId)) {
          earlier.set(subjects.sourceRecordId, [...(earlier.get(subjects.sourceRecordId) ?? []), ...subjects.candidates.filter((c) => !inside.has(c.sourceRecordId))]);
          return [];
        }
        if (!subjects.candidates.some((c) => inside.has(c.sourceRecordId))) return [task];
        const subject = this.stateOf(subjects.sourceRecordId, task.goldenId);
        return subject ? this.question(subject, this.stillAsked(subject, subjects.candidates)) : [task];
      });
      const questions = records.flatMap((r) => {
        const asked = scored
          .filter((p) => (p.a === r || p.b === r) && this.asks(r, other(p, r), p.pair))
          .filter((p) => !this.asks(other(p, r), r, p.pair) || rank.get(r.id)! > rank.get(other(p, r).id)!)
          .map((p) => ({ candidate: other(p, r), pair: p.pair }));
        const outside = this.stillAsked(r, earlier.get(r.id) ?? []).filter((c) => !asked.some((a) => a.candidate.id === c.candidate.id));
        return this.question(r, [...asked, ...outside]);
      });
      return [...kept, ...questions];
    };
    return { placed, adopt };
  }

  /**
   * Where each record lands, and the pair that linked it, when the records arrive in canonical order into
   * an empty hub; and the potential matches that order leaves a steward.
   */
  private canonicalGroups(records: readonly SourceRecordState[]): Regrouping {
    // Where ambiguity goes to a steward, the records that tell the most come first: a listing naming
    // neither variant then meets both, as it would arriving last, instead of joining whichever came first.
    const tells = this.context.engine.onAmbiguousMatch === 'review' ? (record: SourceRecordState) => informativeCount(this.featuresOf(record)) : undefined;
    const ordered = canonicalOrder(records, tells);
    const nested = new BatchPlan({ ...this.context, pairs: this.pairs }, { existing: [], candidates: [], members: [], goldens: [], cannotLinks: [] });
    nested.settles = false;
    ordered.forEach((record, index) => {
      const features = this.featuresOf(record);
      const keys = this.context.engine.blockingKeys(features);
      nested.apply(
        { index, sourceId: record.id, updatedAt: null, deleted: false, attributes: {}, cleansed: record.normalized, features, keys, contentHash: record.contentHash, warnings: [] },
        record.source,
      );
    });
    const placed = new Map<string, Placement>();
    const byNestedId = new Map<string, SourceRecordState>();
    for (const record of records) {
      const write = nested.touched.get(nested.byIdentity.get(record.id)!.id)!;
      placed.set(record.id, { group: nested.resolve(write.goldenId), link: nested.links.get(write.id) ?? null });
      byNestedId.set(write.id, record);
    }
    // The component's potential matches are those of the canonical order: this batch's about its records
    // (candidates all inside it) give way to the ones the nested plan left, in the hub's ids.
    const ids = new Set(records.map((r) => r.id));
    const adopt = (tasks: readonly ReviewTaskWrite[], targets: ReadonlyMap<string, string>) => [
      ...tasks.filter((task) => {
        const subjects = task.subjects as PotentialMatchSubjects;
        return task.kind !== 'potential_match' || !ids.has(subjects.sourceRecordId) || subjects.candidates.some((c) => !ids.has(c.sourceRecordId));
      }),
      ...nested.reviewTasks.flatMap((task): ReviewTaskWrite[] => {
        if (task.kind !== 'potential_match') return [];
        const subjects = task.subjects as PotentialMatchSubjects;
        const inbound = byNestedId.get(subjects.sourceRecordId)!;
        const candidates = subjects.candidates.map((c) => ({ ...c, goldenId: targets.get(nested.resolve(c.goldenId))!, sourceRecordId: byNestedId.get(c.sourceRecordId)!.id }));
        const goldenId = targets.get(nested.resolve(task.goldenId))!;
        return [{ ...task, goldenId, subjects: { sourceRecordId: inbound.id, source: inbound.source, sourceId: inbound.sourceId, candidates } }];
      }),
    ];
    return { placed, adopt };
  }

  /**
   * Whether a record, where it is now, asks a steward about a candidate (`pair`: their score), as a record
   * arriving last would (see apply): about one whose golden record it could join (holding no other record
   * of its source), alone when it matches or may match it, in a golden record with others when it matches
   * it but was kept from it (a rival as strong, or golden records holding records of one source: `bridge`).
   */
  private asks(record: SourceRecordState, candidate: SourceRecordState, pair: PairScore): boolean {
    const live = (r: SourceRecordState) => [...this.memberMap(this.locationOf(r.id) ?? this.resolve(r.goldenId)).values()].filter((m) => !m.deleted);
    const [own, theirs] = [live(record), live(candidate)];
    if (theirs.some((m) => m.id === record.id || (m.source === record.source && this.isUnique(record.source)))) return false;
    return pair.decision === 'match' || (pair.decision === 'possible' && own.length === 1);
  }

  /** The candidates a task named that the record still asks about (see asks), with their scores. */
  private stillAsked(record: SourceRecordState, candidates: PotentialMatchSubjects['candidates']): { candidate: SourceRecordState; pair: PairScore }[] {
    return candidates.flatMap(({ sourceRecordId, goldenId }) => {
      const candidate = this.stateOf(sourceRecordId, goldenId);
      const pair = candidate && this.compare(this.featuresOf(record), this.featuresOf(candidate));
      return candidate && pair && this.asks(record, candidate, pair) ? [{ candidate, pair }] : [];
    });
  }

  /** A source record as it stands in this batch, found through the golden record a task placed it in. */
  private stateOf(sourceRecordId: string, goldenId: string): SourceRecordState | undefined {
    return this.memberMap(this.locationOf(sourceRecordId) ?? this.resolve(goldenId)).get(sourceRecordId);
  }

  /** A potential-match task of a record about its candidates, strongest first, ties by content (none without a candidate). */
  private question(record: SourceRecordState, asked: { candidate: SourceRecordState; pair: PairScore }[]): ReviewTaskWrite[] {
    if (asked.length === 0) return [];
    const at = (r: SourceRecordState) => this.locationOf(r.id) ?? this.resolve(r.goldenId);
    const weight = ({ pair }: (typeof asked)[number]) => pair.explanation.totalWeight;
    const best = [...asked].sort((x, y) => weight(y) - weight(x) || (x.candidate.contentHash < y.candidate.contentHash ? -1 : 1)).slice(0, 5);
    const { score, explanation } = this.compare(this.featuresOf(record), this.featuresOf(best[0].candidate));
    const candidates = best.map(({ candidate, pair }) => ({ goldenId: at(candidate), sourceRecordId: candidate.id, score: pair.score }));
    const subjects = { sourceRecordId: record.id, source: record.source, sourceId: record.sourceId, candidates };
    const { entityType, now } = this.context;
    return [{ id: uuidv7(), entityType, kind: 'potential_match', goldenId: at(record), subjects, score, explanation, createdAt: now }];
  }

  private holdsDisagreement(records: readonly SourceRecordState[]): boolean {
    const features = records.map((r) => this.featuresOf(r));
    for (let i = 0; i < features.length; i++) {
      for (let j = i + 1; j < features.length; j++) if (disagreementsOf(this.compare(features[i], features[j])).length > 0) return true;
    }
    return false;
  }

  /** The golden record a record this batch wrote or moved is in now (undefined for others). */
  private locationOf(sourceRecordId: string): string | undefined {
    const at = this.touched.get(sourceRecordId)?.goldenId ?? this.relocated.get(sourceRecordId);
    return at === undefined ? undefined : this.resolve(at);
  }

  /** Moves one source record to another golden record, with the pair that put it there as its link. */
  private relocate(state: SourceRecordState, from: string, to: string, link: PairScore | null): void {
    const previousGoldenIds = [...state.previousGoldenIds, from];
    const written = this.touched.get(state.id);
    let moved: SourceRecordState;
    // The pair that placed it explains the link; a record that anchors its group keeps the explanation it had.
    if (written) {
      moved = { ...written, goldenId: to, previousGoldenIds, ...(link ? { linkScore: link.score, linkExplanation: link.explanation } : {}) } as SourceRecordWrite;
      this.touched.set(state.id, moved as SourceRecordWrite);
    } else {
      moved = { ...state, goldenId: to, previousGoldenIds };
      this.moves.push({ sourceRecordId: state.id, goldenId: to, previousGoldenIds, ...(link ? { link } : {}) });
      this.relocated.set(state.id, to);
    }
    if (state.source === this.context.source && this.byIdentity.get(state.sourceId)?.id === state.id) this.byIdentity.set(state.sourceId, moved);
    this.memberMap(from).delete(state.id);
    this.memberMap(to).set(state.id, moved);
    this.regrouped.add(from).add(to);
    this.affect(from, state.id);
    this.affect(to, state.id);
  }

  private recompute(goldenId: string): Recomputed | null {
    return recomputeGolden(
      {
        id: goldenId,
        before: this.goldens.get(goldenId),
        members: [...this.memberMap(goldenId).values()],
        pins: this.pinsFor(goldenId),
        mergedInto: this.emptiedInto.get(goldenId) ?? null,
        causes: [...(this.causes.get(goldenId) ?? [])],
      },
      this.context,
    );
  }

  /**
   * A golden record's pins, plus those of the golden records merged into it, where it has none of its own.
   * A pin brought that way names the golden record it came from (`mergedFrom`), as a steward's merge does:
   * once its records are unmerged back, that golden record comes back with its own pins and the survivor
   * drops the copies (before, they stayed on the survivor for good, pinning it to another record's value).
   */
  private pinsFor(goldenId: string): GoldenState['pins'] {
    let pins = this.goldens.get(goldenId)?.pins ?? {};
    for (const [from, into] of this.emptiedInto) {
      if (from === goldenId || this.resolve(into) !== goldenId) continue;
      const brought = Object.fromEntries(Object.entries(this.goldens.get(from)?.pins ?? {}).map(([attribute, pin]) => [attribute, { ...pin, mergedFrom: [from] }]));
      pins = { ...brought, ...pins };
    }
    return pins;
  }
}

/** A potential match as its record and the set of its candidates (as `notAskedYet` tells questions apart). */
function questionKey(subjects: PotentialMatchSubjects): string {
  return `${subjects.sourceRecordId} ${subjects.candidates.map((c) => c.sourceRecordId).sort().join(' ')}`;
}

/**
 * The comparisons each decisive disagreement of a pair rests on: a level's own comparison, or all of a
 * conflict's (a given name a keystroke off with another email is only seen past with both values).
 */
function vetoGroups(pair: PairScore): string[][] {
  return pair.explanation.comparisons.filter((c) => c.veto).map((c) => [c.comparison, ...(c.vetoWith ?? [])]);
}

/** What a record disagrees with another on: a veto's comparisons, or (plain) those a 'none' pair scores against. */
interface Disagreement {
  readonly comparisons: readonly string[];
  readonly plain: boolean;
}

/** What a pair disagrees on: each veto's comparisons, or for a pair scoring 'none' without one, those that count against it. */
function disagreementsOf(pair: PairScore): Disagreement[] {
  const vetoes = vetoGroups(pair);
  if (vetoes.length > 0) return vetoes.map((comparisons) => ({ comparisons, plain: false }));
  return pair.decision === 'none' ? [{ comparisons: againstComparisons(pair), plain: true }] : [];
}

/** The comparisons where a pair's values differ enough to count against it. */
function againstComparisons(pair: PairScore): string[] {
  return pair.explanation.comparisons.filter((c) => c.weight < 0 && c.level !== 'null').map((c) => c.comparison);
}

function agreesOn(pair: PairScore, comparison: string): boolean {
  const outcome = pair.explanation.comparisons.find((c) => c.comparison === comparison);
  return outcome !== undefined && outcome.level !== 'null' && outcome.weight > 0;
}

function scoresAgainst(pair: PairScore, comparison: string): boolean {
  return (pair.explanation.comparisons.find((c) => c.comparison === comparison)?.weight ?? 0) < 0;
}

/** Whether a pair's comparison reached a level that vetoes (a veto an identifier lifted does not count). */
function vetoesOn(pair: PairScore, comparison: string): boolean {
  return Boolean(pair.explanation.comparisons.find((c) => c.comparison === comparison)?.veto);
}

/** Whether a pair's comparison reached a level that vetoes, or would have had an identifier not lifted it. */
function disagreesOn(pair: PairScore, comparison: string): boolean {
  const outcome = pair.explanation.comparisons.find((c) => c.comparison === comparison);
  return Boolean(outcome?.veto ?? outcome?.lifted);
}

/** A value that tells records apart: more than one character (an initial is compatible with many names). */
function isInformative(value: Features[string] | undefined): boolean {
  if (Array.isArray(value)) return value.some((v) => v.length > 1);
  return typeof value === 'string' ? value.length > 1 : value !== null && value !== undefined;
}

/** How many values of a record tell records apart: how much it tells the matcher. */
function informativeCount(features: Features): number {
  let count = 0;
  for (const value of Object.values(features)) if (isInformative(value)) count++;
  return count;
}
