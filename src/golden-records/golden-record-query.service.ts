import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Database } from '../common/database/database';
import { queryInChunks, type Row } from '../common/database/tx';
import type { EntityType } from '../common/entity-type';
import { toConnection, withTotalCount, type Connection } from '../common/pagination';
import type { AttributeValue, Attributes } from '../matching/engine/types';
import { FILTER_COLUMNS, filterKey, type FilterAttribute } from './filter-columns';
import { toGoldenState } from './golden-record.store';
import type { GoldenEvent, GoldenEventPayload, GoldenState, GoldenStatus } from './golden-record.types';

/**
 * A golden record as the API returns it: its state and whether it was redirected; its attributes are
 * also spread onto it, so that `Customer.email` and friends resolve as plain fields.
 */
export type GoldenView = Omit<GoldenState, 'provenance' | 'pins'> & {
  /** The stored pins (JSON attribute → Pin), null when there are none. */
  readonly pinsJson: string | null;
  readonly redirectedFrom: string | null;
  /** The stored provenance, parsed only when a client asks for `provenance`. */
  readonly provenanceJson: string;
};

export interface SourceRecordView {
  readonly id: string;
  readonly entityType: EntityType;
  readonly source: string;
  readonly sourceId: string;
  readonly attributes: Attributes;
  readonly normalized: Attributes;
  readonly updatedAt: string | null;
  readonly receivedAt: string;
  readonly deleted: boolean;
  readonly goldenId: string;
}

export type GoldenEventView = Omit<GoldenEvent, 'payload'> &
  Pick<GoldenEventPayload, 'changes' | 'status' | 'sourceRecordIds'> & {
    readonly mergedInto: string | null;
    /** What else the event records (a steward act's attribute, survivor, merged ids, moved record). */
    readonly details: Record<string, unknown> | null;
  };

export type GoldenFilter = Partial<Record<FilterAttribute, string | null>>;

/** Loaders that batch the per-record lookups of one GraphQL request into one query each. */
export interface GoldenRecordLoaders {
  readonly golden: DataLoader<string, GoldenView | null>;
  readonly sourceRecords: DataLoader<string, SourceRecordView[]>;
  readonly history: DataLoader<string, GoldenEventView[]>;
}

// A chain of merges longer than this is a data error; stop following it rather than loop.
const MAX_REDIRECTS = 20;

/** Reads golden records, their crosswalk and their history, for GraphQL and the CLI exports. */
@Injectable()
export class GoldenRecordQueryService {
  constructor(private readonly database: Database) {}

  /** The golden record with this id; a retired (merged) id resolves to its survivor, marked as redirected. */
  async get(id: string, entityType?: EntityType): Promise<GoldenView | null> {
    let row = await this.fetch(id);
    let hops = 0;
    while (row?.status === 'merged' && row.merged_into && hops++ < MAX_REDIRECTS) {
      const survivor = await this.fetch(row.merged_into as string);
      if (!survivor) break;
      row = survivor;
    }
    if (!row || (entityType && row.entity_type !== entityType)) return null;
    return toView(row, row.id === id ? null : id);
  }

  /**
   * The golden record as it was at `asOf`: its events up to then, replayed from its creation (each event
   * stores its attribute changes). Not redirected: a record merged away since is shown as it was. Every
   * field is as of then: attributes (the typed fields too), version, status, mergedInto, updatedAt. Its
   * provenance and pins are kept for the current version only, so a past version carries none; at a time
   * when the current version was already in force, the record is returned as it is now.
   */
  async getAsOf(id: string, entityType: EntityType, asOf: string): Promise<GoldenView | null> {
    const row = await this.fetch(id);
    if (!row || row.entity_type !== entityType) return null;
    const events = (await this.historyOf([id]))[0].filter((e) => e.at <= asOf);
    if (events.length === 0) return null;
    const last = events[events.length - 1];
    if (last.version === Number(row.version)) return toView(row, null);
    const attributes: Record<string, AttributeValue> = {};
    for (const event of events) {
      for (const change of event.changes) {
        if (change.after === null) delete attributes[change.attribute];
        else attributes[change.attribute] = change.after;
      }
    }
    const sorted = Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
    const view: GoldenView = {
      id: row.id as string,
      entityType: row.entity_type as EntityType,
      attributes: sorted,
      provenanceJson: '{"m":[],"a":{}}',
      version: last.version,
      status: last.status,
      mergedInto: last.mergedInto,
      createdAt: row.created_at as string,
      updatedAt: last.at,
      pinsJson: null,
      redirectedFrom: null,
    };
    // Only the rebuilt attributes are spread onto it: today's (`toView(row)`) must not show through.
    return Object.assign({}, sorted, view);
  }

  async bySource(entityType: EntityType, source: string, sourceId: string): Promise<GoldenView | null> {
    const rows = await this.database.query<{ golden_id: string }>(
      'SELECT golden_id FROM source_record WHERE entity_type = ? AND source = ? AND source_id = ?',
      [entityType, source, sourceId],
    );
    return rows[0] ? this.get(rows[0].golden_id, entityType) : null;
  }

  /** One page of golden records in id order (UUIDv7: creation order), filtered on the indexed columns. */
  async page(
    entityType: EntityType,
    filter: GoldenFilter,
    status: GoldenStatus,
    limit: number,
    after: string | null,
  ): Promise<Connection<GoldenView>> {
    const where = ['entity_type = ?', 'status = ?'];
    const params: string[] = [entityType, status];
    for (const [attribute, value] of Object.entries(filter) as [FilterAttribute, string | null | undefined][]) {
      if (value === undefined || value === null) continue;
      where.push(`${FILTER_COLUMNS[attribute]} = ?`);
      params.push(filterKey(attribute, value));
    }
    const countSql = `SELECT count(*) AS n FROM golden_record WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    const count = async () => Number((await this.database.query<{ n: string | number }>(countSql, countParams))[0].n);
    if (after !== null) {
      where.push('id > ?');
      params.push(after);
    }
    const rows = await this.database.query(
      `SELECT * FROM golden_record WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${limit + 1}`,
      params,
    );
    const connection = toConnection(rows.map((r) => toView(r, null)), limit, (g) => g.id, after !== null);
    return withTotalCount(connection, count);
  }

  createLoaders(): GoldenRecordLoaders {
    return {
      golden: new DataLoader((ids) => this.getMany(ids), { maxBatchSize: 500 }),
      sourceRecords: new DataLoader((ids) => this.sourceRecordsOf(ids), { maxBatchSize: 500 }),
      history: new DataLoader((ids) => this.historyOf(ids), { maxBatchSize: 500 }),
    };
  }

  /**
   * Calls `visit` with every golden record of a type, a page at a time (the whole table never sits in
   * memory); with `since` (an ISO time in UTC), only those changed at or after it.
   */
  async forEachGolden(entityType: EntityType, filter: { since?: string }, visit: (golden: GoldenState) => void | Promise<void>): Promise<number> {
    const changed = filter.since ? ' AND updated_at >= ?' : '';
    return this.scan(
      `SELECT * FROM golden_record WHERE entity_type = ?${changed} AND id > ? ORDER BY id LIMIT 1000`,
      entityType,
      (row) => visit(toGoldenState(row)),
      filter.since ? [filter.since] : [],
    );
  }

  /** Calls `visit` with every live source record of a type and its golden id (the crosswalk). */
  async forEachCrosswalkEntry(
    entityType: EntityType,
    visit: (entry: { source: string; sourceId: string; goldenId: string }) => void | Promise<void>,
  ): Promise<number> {
    return this.scan(
      `SELECT id, source, source_id, golden_id FROM source_record
        WHERE entity_type = ? AND deleted = ? AND id > ? ORDER BY id LIMIT 1000`,
      entityType,
      (row) => visit({ source: row.source as string, sourceId: row.source_id as string, goldenId: row.golden_id as string }),
      [false],
    );
  }

  /** `visit` may return a promise (a writer that must drain): the scan waits for it. */
  private async scan(sql: string, entityType: EntityType, visit: (row: Row) => void | Promise<void>, extra: (string | boolean)[] = []): Promise<number> {
    let after = '';
    let count = 0;
    for (;;) {
      const rows = await this.database.query(sql, [entityType, ...extra, after]);
      for (const row of rows) {
        const waiting = visit(row);
        if (waiting) await waiting;
      }
      count += rows.length;
      if (rows.length < 1000) return count;
      after = rows[rows.length - 1].id as string;
    }
  }

  private async fetch(id: string): Promise<Row | null> {
    const rows = await this.database.query('SELECT * FROM golden_record WHERE id = ?', [id]);
    return rows[0] ?? null;
  }

  /** Golden records by id, in the order asked (null where unknown); no redirect. */
  async getMany(ids: readonly string[]): Promise<(GoldenView | null)[]> {
    const rows = await queryInChunks(this.database, [...new Set(ids)], (chunk, ph) =>
      this.database.query(`SELECT * FROM golden_record WHERE id IN (${ph})`, chunk),
    );
    const byId = new Map(rows.map((r) => [r.id as string, toView(r, null)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async sourceRecordsOf(goldenIds: readonly string[]): Promise<SourceRecordView[][]> {
    const rows = await queryInChunks(this.database, goldenIds, (chunk, ph) =>
      this.database.query(`SELECT * FROM source_record WHERE golden_id IN (${ph}) ORDER BY source, source_id`, chunk),
    );
    return groupBy(goldenIds, rows.map(toSourceRecordView), (r) => r.goldenId);
  }

  private async historyOf(goldenIds: readonly string[]): Promise<GoldenEventView[][]> {
    const rows = await queryInChunks(this.database, goldenIds, (chunk, ph) =>
      this.database.query(`SELECT * FROM golden_event WHERE golden_id IN (${ph}) ORDER BY version, id`, chunk),
    );
    return groupBy(goldenIds, rows.map(toEventView), (e) => e.goldenId);
  }
}

/** A golden_record row as the API returns it; its attributes are also spread onto it as fields. */
export function toView(row: Row, redirectedFrom: string | null): GoldenView {
  const attributes = JSON.parse(row.attributes as string) as Attributes;
  const view: GoldenView = {
    id: row.id as string,
    entityType: row.entity_type as EntityType,
    attributes,
    provenanceJson: row.provenance as string,
    version: Number(row.version),
    status: row.status as GoldenStatus,
    mergedInto: (row.merged_into as string | null) ?? null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    pinsJson: (row.pins as string | null) ?? null,
    redirectedFrom,
  };
  // Object.assign, not `{ ...a, ...b }`: on Node 20 that double spread takes a slow path (≈20 µs here,
  // 30× Object.assign), which showed up as the top cost of `customer(id)`.
  return Object.assign({}, attributes, view);
}

function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((k) => groups.get(k)!);
}

function toSourceRecordView(row: Row): SourceRecordView {
  return {
    id: row.id as string,
    entityType: row.entity_type as EntityType,
    source: row.source as string,
    sourceId: row.source_id as string,
    attributes: JSON.parse(row.attributes as string) as Record<string, AttributeValue>,
    normalized: JSON.parse(row.normalized as string) as Record<string, AttributeValue>,
    updatedAt: (row.source_updated_at as string | null) ?? null,
    receivedAt: row.received_at as string,
    deleted: Boolean(row.deleted),
    goldenId: row.golden_id as string,
  };
}

function toEventView(row: Row): GoldenEventView {
  const payload = JSON.parse(row.payload as string) as GoldenEventPayload;
  const { changes: _c, status: _s, statusBefore: _b, mergedInto: _m, sourceRecordIds: _r, ...details } = payload as GoldenEventPayload & Record<string, unknown>;
  return {
    id: row.id as string,
    goldenId: row.golden_id as string,
    entityType: row.entity_type as EntityType,
    type: row.type as GoldenEvent['type'],
    version: Number(row.version),
    at: row.at as string,
    actor: row.actor as string,
    reason: (row.reason as string | null) ?? null,
    changes: payload.changes,
    status: payload.status,
    mergedInto: payload.mergedInto ?? null,
    sourceRecordIds: payload.sourceRecordIds,
    details: Object.keys(details).length > 0 ? details : null,
  };
}
