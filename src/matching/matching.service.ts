import { Inject, Injectable } from '@nestjs/common';
import type { EntityType } from '../common/entity-type';
import { distinctSorted, queryInChunks, queryWhereIn, type SqlExecutor, type Tx } from '../common/database/tx';
import { LruCache } from '../common/lru-cache';
import { CANON_CONFIG, type CanonConfig } from '../config/canon-config';
import { createEngines } from './engine';
import type { MatchRules } from './engine/rules/match-rules';
import type { Attributes, Features, MatchCandidate, MatchEngine } from './engine/types';
import { isGenericKey, recordCap } from './key-frequency';
import { loadAllRules } from './match-rules.loader';
import { KEY_TABLES, mergeRecentKeys, newKeysTable, RECENT_KEYS_LIMIT, recentKeyCount, STORED_KEYS } from './recent-keys';

interface CachedFeatures {
  readonly contentHash: string;
  readonly features: Features;
}

/** A stored source record found through a blocking key. */
export interface KeyedCandidate extends MatchCandidate {
  readonly blockKey: string;
}

// Features of stored records, so a popular candidate is not re-derived for every batch that meets it.
const FEATURE_CACHE_SIZE = 200_000;

/**
 * Runs the pure matching engine against the database: loads the rules at start (an invalid rules file
 * stops the hub with the list of problems), persists each source record's blocking keys (`match_key` and its recent keys),
 * and loads the stored records that share an inbound record's keys, skipping generic keys.
 */
@Injectable()
export class MatchingService {
  private readonly engines: Record<EntityType, MatchEngine>;
  readonly rules: Record<EntityType, MatchRules>;
  /**
   * By source record id, with the content hash the features were derived from: a lookup builds no key
   * string (an `id:hash` key was concatenated, flattened and hashed for each of ~40k holders a batch).
   */
  private readonly featureCache = new LruCache<string, CachedFeatures>(FEATURE_CACHE_SIZE);
  /** Keys known to be shared by more records than the rules allow, by entity type: they find nothing and are not stored again. */
  private readonly genericKeys = new Map<EntityType, Set<string>>();
  /** Recent keys that trigger a merge into match_key; lowered by tests to merge small batches. */
  recentKeysLimit = RECENT_KEYS_LIMIT;

  constructor(@Inject(CANON_CONFIG) config: CanonConfig) {
    this.rules = loadAllRules(config.rulesDir);
    this.engines = createEngines(this.rules);
  }

  engine(entityType: EntityType): MatchEngine {
    return this.engines[entityType];
  }

  /** The features of a stored record (its normalized attributes, or their JSON), cached by its id and content hash. */
  featuresOf(entityType: EntityType, sourceRecordId: string, contentHash: string, normalized: string | Attributes): Features {
    let features = this.cachedFeatures(sourceRecordId, contentHash);
    if (!features) {
      features = this.engines[entityType].features(typeof normalized === 'string' ? (JSON.parse(normalized) as Attributes) : normalized);
      this.featureCache.set(sourceRecordId, { contentHash, features });
    }
    return features;
  }

  /** Caches the features of a record just written (computed while preparing it), for when it is a candidate. */
  rememberFeatures(sourceRecordId: string, contentHash: string, features: Features): void {
    this.featureCache.set(sourceRecordId, { contentHash, features });
  }

  private cachedFeatures(sourceRecordId: string, contentHash: string): Features | undefined {
    const cached = this.featureCache.get(sourceRecordId);
    return cached?.contentHash === contentHash ? cached.features : undefined;
  }

  /**
   * The live source records sharing any of `keys`, with the golden record each belongs to. A key held by
   * more entities than its limit (`maxKeyFrequency`, or its blocking rule's `maxFrequency`; see
   * key-frequency.ts) is generic (a placeholder email, a call-centre phone): it is remembered and
   * contributes no candidates, so one popular value cannot blow up the comparison count.
   * The holders of each key are read from the blocking index alone first: a generic key costs index
   * entries (once, when first met), never the rows of its holders.
   */
  async candidatesByKeys(tx: SqlExecutor, entityType: EntityType, keys: readonly string[]): Promise<KeyedCandidate[]> {
    const engine = this.engines[entityType];
    const holders = await this.keyHolders(tx, entityType, distinctSorted(keys).filter((k) => !this.isGeneric(entityType, k)));
    // Past its record cap a key is generic without reading its holders' rows.
    for (const [key, ids] of holders) if (ids.length > recordCap(engine.maxFrequencyOf(key))) this.markGeneric(entityType, key, holders);
    const records = await queryWhereIn<{ id: string; golden_id: string; content_hash: string }>(
      tx,
      distinctSorted([...holders.values()].flat()),
      (condition) => `SELECT id, golden_id, content_hash FROM source_record WHERE id ${condition}`,
    );
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const [key, ids] of holders) {
      const entities = () => new Set(ids.map((id) => byId.get(id)?.golden_id)).size;
      if (isGenericKey(ids.length, entities, engine.maxFrequencyOf(key))) this.markGeneric(entityType, key, holders);
    }
    // Most candidates' features are cached (a record met before, or written by this process): only the
    // others' normalized attributes are read, once each, however many keys they share with the batch.
    const features = new Map<string, Features>();
    const uncached = new Set<string>();
    for (const ids of holders.values()) {
      for (const id of ids) {
        const record = byId.get(id);
        if (!record || features.has(id) || uncached.has(id)) continue;
        const cached = this.cachedFeatures(id, record.content_hash);
        if (cached) features.set(id, cached);
        else uncached.add(id);
      }
    }
    const loaded = await queryWhereIn<{ id: string; content_hash: string; normalized: string }>(
      tx,
      distinctSorted(uncached),
      (condition) => `SELECT id, content_hash, normalized FROM source_record WHERE id ${condition}`,
    );
    for (const r of loaded) features.set(r.id, this.featuresOf(entityType, r.id, r.content_hash, r.normalized));
    const candidates: KeyedCandidate[] = [];
    for (const [blockKey, ids] of holders) {
      for (const id of ids) {
        const record = byId.get(id);
        const found = features.get(id);
        if (record && found) candidates.push({ blockKey, sourceRecordId: id, goldenId: record.golden_id, features: found, contentHash: record.content_hash });
      }
    }
    return candidates;
  }

  /** The source records holding each key, by id, from the blocking index alone. */
  private async keyHolders(tx: SqlExecutor, entityType: EntityType, keys: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await queryWhereIn<{ block_key: string; source_record_id: string }>(
      tx,
      keys,
      (condition) => `SELECT block_key, source_record_id FROM ${STORED_KEYS} WHERE entity_type = ? AND block_key ${condition}`,
      [entityType],
    );
    const holders = new Map<string, string[]>();
    for (const row of rows) {
      const list = holders.get(row.block_key);
      if (list) list.push(row.source_record_id);
      else holders.set(row.block_key, [row.source_record_id]);
    }
    return holders;
  }

  /**
   * The records of `source` sharing any of `keys`, with the golden record each is in; no features are read.
   * A key known to be generic, or held by more records than its cap, finds none (as for candidates).
   */
  async holdersOf(tx: SqlExecutor, entityType: EntityType, keys: readonly string[], source: string): Promise<{ id: string; goldenId: string }[]> {
    const engine = this.engines[entityType];
    const holders = await this.keyHolders(tx, entityType, distinctSorted(keys).filter((k) => !this.isGeneric(entityType, k)));
    const ids = new Set<string>();
    for (const [key, list] of holders) if (list.length <= recordCap(engine.maxFrequencyOf(key))) for (const id of list) ids.add(id);
    const rows = await queryWhereIn<{ id: string; golden_id: string }>(
      tx,
      distinctSorted(ids),
      (condition) => `SELECT id, golden_id FROM source_record WHERE source = ? AND NOT deleted AND id ${condition}`,
      [source],
    );
    return rows.map((r) => ({ id: r.id, goldenId: r.golden_id }));
  }

  /** Remembers a key as generic and drops its holders from this lookup. */
  private markGeneric(entityType: EntityType, key: string, holders: Map<string, string[]>): void {
    this.genericKeysOf(entityType).add(key);
    holders.delete(key);
  }

  /** The candidates with the golden id each source record has now (a steward may have moved it since). */
  async withCurrentGoldens(tx: SqlExecutor, candidates: readonly KeyedCandidate[]): Promise<KeyedCandidate[]> {
    const rows = await queryWhereIn<{ id: string; golden_id: string }>(
      tx,
      [...new Set(candidates.map((c) => c.sourceRecordId))],
      (condition) => `SELECT id, golden_id FROM source_record WHERE id ${condition}`,
    );
    const current = new Map(rows.map((r) => [r.id, r.golden_id]));
    return candidates.map((c) => (current.get(c.sourceRecordId) === c.goldenId ? c : { ...c, goldenId: current.get(c.sourceRecordId) ?? c.goldenId }));
  }

  isGeneric(entityType: EntityType, key: string): boolean {
    return this.genericKeys.get(entityType)?.has(key) ?? false;
  }

  private genericKeysOf(entityType: EntityType): Set<string> {
    let keys = this.genericKeys.get(entityType);
    if (!keys) this.genericKeys.set(entityType, (keys = new Set()));
    return keys;
  }

  /**
   * Replaces blocking keys: deletes the given stale ones (by the tables' own key) and those of records
   * stored before their keys were listed (by record, a scan: such records only come from early versions),
   * then inserts the new ones (on SQLite into the recent keys, merged into `match_key` once there are enough);
   * keys already known to be generic are not stored.
   */
  async replaceKeys(
    tx: Tx,
    entityType: EntityType,
    stale: readonly { sourceRecordId: string; blockKey: string }[],
    unlisted: readonly string[],
    keys: readonly { sourceRecordId: string; blockKey: string }[],
  ): Promise<void> {
    // Recent table first: on PostgreSQL a merge committing meanwhile holds the row until it commits, and the
    // match_key delete that follows (a new snapshot) then sees the row where the merge put it.
    for (const table of KEY_TABLES) {
      for (let i = 0; i < stale.length; i += 400) {
        const chunk = stale.slice(i, i + 400);
        await tx.execute(
          `DELETE FROM ${table} WHERE entity_type = ? AND (${chunk.map(() => '(block_key = ? AND source_record_id = ?)').join(' OR ')})`,
          [entityType, ...chunk.flatMap((k) => [k.blockKey, k.sourceRecordId])],
        );
      }
      await queryInChunks(tx, unlisted, async (chunk, ph) => {
        await tx.execute(`DELETE FROM ${table} WHERE source_record_id IN (${ph})`, chunk);
        return [];
      });
    }
    // In key order: each statement then fills one stretch of the table's B-tree instead of touching a
    // page per row all over it. PostgreSQL writes match_key directly (see recent-keys.ts).
    const rows = keys.filter((k) => !this.isGeneric(entityType, k.blockKey)).sort(byKeyThenRecord);
    const table = newKeysTable(tx.dialect);
    await tx.insertMany(
      table,
      ['source_record_id', 'block_key', 'entity_type'],
      rows.map((k) => [k.sourceRecordId, k.blockKey, entityType]),
      { target: ['entity_type', 'block_key', 'source_record_id'] },
    );
    if (table === 'recent_match_key' && rows.length > 0 && (await recentKeyCount(tx)) >= this.recentKeysLimit) await mergeRecentKeys(tx);
  }
}

function byKeyThenRecord(a: { sourceRecordId: string; blockKey: string }, b: { sourceRecordId: string; blockKey: string }): number {
  if (a.blockKey !== b.blockKey) return a.blockKey < b.blockKey ? -1 : 1;
  return a.sourceRecordId < b.sourceRecordId ? -1 : a.sourceRecordId > b.sourceRecordId ? 1 : 0;
}
