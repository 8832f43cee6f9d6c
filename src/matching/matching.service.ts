import { Injectable } from '@nestjs/common';
import type { EntityType } from '../common/entity-type';
import { queryInChunks, type SqlExecutor, type Tx } from '../common/database/tx';
import { createEngines } from './engine';
import type { Attributes, MatchCandidate, MatchEngine } from './engine/types';

/** A stored source record found through a blocking key. */
export interface KeyedCandidate extends MatchCandidate {
  readonly blockKey: string;
}

/**
 * Runs the pure matching engine against the database: persists each source record's blocking keys in
 * `match_key` and loads, for a set of keys, the stored records that share them.
 */
@Injectable()
export class MatchingService {
  private readonly engines = createEngines();

  engine(entityType: EntityType): MatchEngine {
    return this.engines[entityType];
  }

  /** The live source records sharing any of `keys`, with the golden record each belongs to. */
  async candidatesByKeys(tx: SqlExecutor, entityType: EntityType, keys: readonly string[]): Promise<KeyedCandidate[]> {
    const rows = await queryInChunks(tx, [...new Set(keys)], (chunk, ph) =>
      tx.query<{ block_key: string; id: string; golden_id: string; normalized: string }>(
        `SELECT mk.block_key, sr.id, sr.golden_id, sr.normalized FROM match_key mk
           JOIN source_record sr ON sr.id = mk.source_record_id
          WHERE mk.entity_type = ? AND mk.block_key IN (${ph})`,
        [entityType, ...chunk],
      ),
    );
    return rows.map((r) => ({
      blockKey: r.block_key,
      sourceRecordId: r.id,
      goldenId: r.golden_id,
      attributes: JSON.parse(r.normalized) as Attributes,
    }));
  }

  /** Replaces the stored keys of the given source records (tombstoned records keep none). */
  async replaceKeys(
    tx: Tx,
    entityType: EntityType,
    sourceRecordIds: readonly string[],
    keys: readonly { sourceRecordId: string; blockKey: string }[],
  ): Promise<void> {
    await queryInChunks(tx, sourceRecordIds, async (chunk, ph) => {
      await tx.execute(`DELETE FROM match_key WHERE source_record_id IN (${ph})`, chunk);
      return [];
    });
    await tx.insertMany(
      'match_key',
      ['source_record_id', 'block_key', 'entity_type'],
      keys.map((k) => [k.sourceRecordId, k.blockKey, entityType]),
      { target: ['entity_type', 'block_key', 'source_record_id'] },
    );
  }
}
