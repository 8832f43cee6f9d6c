import { Injectable } from '@nestjs/common';
import type { EntityType } from '../common/entity-type';
import type { Row, SqlExecutor, Tx } from '../common/database/tx';
import { distinctSorted, queryWhereIn } from '../common/database/tx';
import type { Attributes } from '../matching/engine/types';
import { FILTER_COLUMNS, filterColumnValues } from './filter-columns';
import { GoldenEventSinks } from './golden-event-sinks';
import type { GoldenEvent, GoldenState, RecordMove, SourceRecordState, SourceRecordWrite } from './golden-record.types';
import { storedExplanation } from '../matching/stored-explanation';

const SOURCE_STATE_COLUMNS =
  'id, entity_type, source, source_id, content_hash, source_updated_at, received_at, deleted, golden_id, previous_golden_ids, normalized, match_keys';

/**
 * Reads and writes source records, golden records and golden events in bulk, inside the caller's
 * transaction: one statement per few hundred rows, never one per record.
 */
@Injectable()
export class GoldenRecordStore {
  constructor(private readonly sinks: GoldenEventSinks) {}

  async sourceRecordsByIdentity(
    tx: SqlExecutor,
    entityType: EntityType,
    source: string,
    sourceIds: readonly string[],
  ): Promise<SourceRecordState[]> {
    const rows = await queryWhereIn(
      tx,
      distinctSorted(sourceIds),
      (condition) => `SELECT ${SOURCE_STATE_COLUMNS} FROM source_record WHERE entity_type = ? AND source = ? AND source_id ${condition}`,
      [entityType, source],
    );
    return rows.map(toSourceState);
  }

  /** Every source record (live and tombstoned) linked to one of `goldenIds`. */
  async members(tx: SqlExecutor, goldenIds: readonly string[]): Promise<SourceRecordState[]> {
    // A golden record's members come in one list, in the index's order, whatever the order of the lists.
    const rows = await queryWhereIn(tx, distinctSorted(goldenIds), (condition) => `SELECT ${SOURCE_STATE_COLUMNS} FROM source_record WHERE golden_id ${condition}`);
    return rows.map(toSourceState);
  }

  /** The golden record each of these source records is in now. */
  async goldenIdsOf(tx: SqlExecutor, sourceRecordIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await queryWhereIn<{ id: string; golden_id: string }>(tx, distinctSorted(sourceRecordIds), (condition) => `SELECT id, golden_id FROM source_record WHERE id ${condition}`);
    return new Map(rows.map((row) => [row.id, row.golden_id]));
  }

  async goldens(tx: SqlExecutor, ids: readonly string[]): Promise<GoldenState[]> {
    const rows = await queryWhereIn(tx, distinctSorted(ids), (condition) => `SELECT * FROM golden_record WHERE id ${condition}`);
    return rows.map(toGoldenState);
  }

  async saveSourceRecords(tx: Tx, records: readonly SourceRecordWrite[]): Promise<void> {
    await tx.insertMany(
      'source_record',
      [
        'id',
        'entity_type',
        'source',
        'source_id',
        'content_hash',
        'attributes',
        'normalized',
        'source_updated_at',
        'received_at',
        'deleted',
        'golden_id',
        'previous_golden_ids',
        'match_keys',
        'link_score',
        'link_explanation',
      ],
      records.map((r) => [
        r.id,
        r.entityType,
        r.source,
        r.sourceId,
        r.contentHash,
        JSON.stringify(r.attributes),
        JSON.stringify(r.normalized),
        r.sourceUpdatedAt,
        r.receivedAt,
        r.deleted,
        r.goldenId,
        r.previousGoldenIds.length > 0 ? JSON.stringify(r.previousGoldenIds) : null,
        JSON.stringify(r.matchKeys ?? []),
        r.linkScore,
        r.linkExplanation ? storedExplanation(r.linkExplanation) : null,
      ]),
      {
        target: ['id'],
        update: ['content_hash', 'attributes', 'normalized', 'source_updated_at', 'received_at', 'deleted', 'golden_id', 'previous_golden_ids', 'match_keys'],
        keepUnlessGiven: ['link_score', 'link_explanation'],
      },
    );
  }

  /** Moves source records to other golden records (merges, unmerges), with the golden records they came from. */
  async moveRecords(tx: Tx, moves: readonly RecordMove[]): Promise<void> {
    for (const move of moves) {
      const previous = move.previousGoldenIds.length > 0 ? JSON.stringify(move.previousGoldenIds) : null;
      if (move.link === undefined) {
        await tx.execute('UPDATE source_record SET golden_id = ?, previous_golden_ids = ? WHERE id = ?', [move.goldenId, previous, move.sourceRecordId]);
      } else {
        await tx.execute('UPDATE source_record SET golden_id = ?, previous_golden_ids = ?, link_score = ?, link_explanation = ? WHERE id = ?', [
          move.goldenId,
          previous,
          move.link.score,
          storedExplanation(move.link.explanation),
          move.sourceRecordId,
        ]);
      }
    }
  }

  /**
   * Writes golden records. With `events` (`events[i]` the change that made `goldens[i]`), a record that
   * already existed and kept its status and every filter attribute is written without its indexed
   * columns: an UPDATE that sets a column rewrites the entries of every index on it, even with the same
   * value, and the filter indexes are keyed at random (an email), so each batch touched nearly every
   * page of them (ix_golden_email: 796 of 920 pages in a 2,000-record batch at 100k customers).
   */
  async saveGoldens(tx: Tx, goldens: readonly GoldenState[], events?: readonly GoldenEvent[]): Promise<void> {
    const filterColumns = Object.values(FILTER_COLUMNS);
    const columns = ['id', 'entity_type', 'attributes', 'provenance', 'version', 'status', 'merged_into', 'created_at', 'updated_at', 'pins', ...filterColumns];
    const row = (g: GoldenState) => [
      g.id,
      g.entityType,
      JSON.stringify(g.attributes),
      JSON.stringify(g.provenance),
      g.version,
      g.status,
      g.mergedInto,
      g.createdAt,
      g.updatedAt,
      Object.keys(g.pins).length > 0 ? JSON.stringify(g.pins) : null,
      ...filterColumnValues(g.entityType, g.attributes),
    ];
    const unindexed = ['attributes', 'provenance', 'version', 'merged_into', 'updated_at', 'pins'];
    const whole: GoldenState[] = [];
    const kept: GoldenState[] = [];
    goldens.forEach((g, i) => (events && keepsIndexedColumns(events[i]) ? kept : whole).push(g));
    await tx.insertMany('golden_record', columns, whole.map(row), { target: ['id'], update: [...unindexed, 'status', ...filterColumns] });
    await tx.insertMany('golden_record', columns, kept.map(row), { target: ['id'], update: unindexed });
  }

  /** Appends the events of golden changes (`goldens[i]` is the record after `events[i]`) and hands them to the sinks. */
  async appendEvents(tx: Tx, events: readonly GoldenEvent[], goldens: readonly GoldenState[]): Promise<void> {
    await tx.insertMany(
      'golden_event',
      ['id', 'golden_id', 'entity_type', 'type', 'version', 'at', 'actor', 'reason', 'payload'],
      events.map((e) => [e.id, e.goldenId, e.entityType, e.type, e.version, e.at, e.actor, e.reason, JSON.stringify(e.payload)]),
    );
    await this.sinks.publish(tx, events.map((event, k) => ({ event, golden: goldens[k] })));
  }
}

const FILTER_ATTRIBUTES: ReadonlySet<string> = new Set(Object.keys(FILTER_COLUMNS));

/** Whether a change left a stored golden record's indexed columns as they were: its status and every filter attribute. */
function keepsIndexedColumns(event: GoldenEvent | undefined): boolean {
  if (!event) return false;
  const { status, statusBefore, changes } = event.payload;
  return statusBefore !== null && status === statusBefore && !changes.some((c) => FILTER_ATTRIBUTES.has(c.attribute));
}

export function toSourceState(row: Row): SourceRecordState {
  return {
    id: row.id as string,
    entityType: row.entity_type as EntityType,
    source: row.source as string,
    sourceId: row.source_id as string,
    contentHash: row.content_hash as string,
    sourceUpdatedAt: (row.source_updated_at as string | null) ?? null,
    receivedAt: row.received_at as string,
    deleted: Boolean(row.deleted),
    goldenId: row.golden_id as string,
    previousGoldenIds: row.previous_golden_ids ? (JSON.parse(row.previous_golden_ids as string) as string[]) : [],
    normalized: JSON.parse(row.normalized as string) as Attributes,
    matchKeys: row.match_keys ? (JSON.parse(row.match_keys as string) as string[]) : null,
  };
}

export function toGoldenState(row: Row): GoldenState {
  return {
    id: row.id as string,
    entityType: row.entity_type as EntityType,
    attributes: JSON.parse(row.attributes as string) as Attributes,
    provenance: JSON.parse(row.provenance as string) as GoldenState['provenance'],
    version: Number(row.version),
    status: row.status as GoldenState['status'],
    mergedInto: (row.merged_into as string | null) ?? null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    pins: row.pins ? (JSON.parse(row.pins as string) as GoldenState['pins']) : {},
  };
}
