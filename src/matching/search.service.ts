import { Injectable } from '@nestjs/common';
import { isPiiAttribute } from '../auth/pii/pii-mask';
import { Database } from '../common/database/database';
import type { EntityType } from '../common/entity-type';
import { GoldenRecordQueryService, type GoldenView } from '../golden-records/golden-record-query.service';
import { rankWithFuse, searchWords } from './engine/compare/fuse-similarity';
import { analyzeTitle } from './engine/normalize/product-title';
import { searchKeys } from './engine/search-keys';
import { MatchingService } from './matching.service';
import { STORED_KEYS } from './recent-keys';

// How many stored records one key or key prefix may contribute, and how many golden records are re-ranked.
const PER_KEY_LIMIT = 200;
const MAX_CANDIDATES = 1000;

const SEARCH_FIELDS: Record<EntityType, readonly string[]> = {
  customer: ['givenName', 'familyName', 'email', 'phone', 'nationalId', 'city', 'postalCode', 'addressLine1'],
  product: ['name', 'brand', 'gtin', 'sku', 'category'],
};
// For a key without PII access: a hit or its score must not reveal a masked value it guessed.
const NON_PII_FIELDS: Record<EntityType, readonly string[]> = {
  customer: SEARCH_FIELDS.customer.filter((f) => !isPiiAttribute(f)),
  product: SEARCH_FIELDS.product,
};

// Product words as the matcher reads titles: "1tb" and "1000 GB" are both storage:1000gb.
const WORDS: Record<EntityType, (text: string) => readonly string[]> = {
  customer: searchWords,
  product: (text) => analyzeTitle(text).tokens,
};

export interface SearchHit {
  readonly golden: GoldenView;
  readonly score: number;
}

/**
 * Fuzzy search without a full scan: the query's words are read as the fields blocking keys are made
 * of (a family name, an email, a model code…), the stored keys with those values (or that prefix) give
 * a few hundred candidates through the blocking index (match_key and its recent keys), and fuse.js ranks their golden records against
 * the query. Cost depends on the query, not on how many records the hub holds.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly database: Database,
    private readonly matching: MatchingService,
    private readonly goldenRecords: GoldenRecordQueryService,
  ) {}

  /** `personalData` false: the query is not read as an email, phone or birth date, nor ranked against them. */
  async search(entityType: EntityType, query: string, first: number, personalData = true): Promise<SearchHit[]> {
    const { exact, prefixes } = searchKeys(this.matching.engine(entityType), this.matching.rules[entityType].blocking, query, personalData);
    const sourceRecordIds = new Set<string>();
    const collect = (rows: { source_record_id: string }[]) => rows.forEach((r) => sourceRecordIds.add(r.source_record_id));
    if (exact.length > 0) {
      collect(
        await this.database.query(
          `SELECT source_record_id FROM ${STORED_KEYS} WHERE entity_type = ? AND block_key IN (${exact.map(() => '?').join(',')}) LIMIT ${MAX_CANDIDATES}`,
          [entityType, ...exact],
        ),
      );
    }
    for (const prefix of prefixes.slice(0, 40)) {
      if (sourceRecordIds.size >= MAX_CANDIDATES) break;
      // '|' + 1 is '}': the range [prefix, prefix with '}') is every key that starts with the prefix.
      collect(
        await this.database.query(
          `SELECT source_record_id FROM ${STORED_KEYS} WHERE entity_type = ? AND block_key >= ? AND block_key < ? LIMIT ${PER_KEY_LIMIT}`,
          [entityType, prefix, `${prefix.slice(0, -1)}}`],
        ),
      );
    }
    if (sourceRecordIds.size === 0) return [];
    const ids = [...sourceRecordIds].slice(0, MAX_CANDIDATES);
    const rows = await this.database.query<{ golden_id: string }>(
      `SELECT DISTINCT golden_id FROM source_record WHERE deleted = ? AND id IN (${ids.map(() => '?').join(',')})`,
      [false, ...ids],
    );
    const goldens = (await this.goldenRecords.getMany(rows.map((r) => r.golden_id))).filter(
      (g): g is GoldenView => g !== null && g.status === 'active',
    );
    const fields = (personalData ? SEARCH_FIELDS : NON_PII_FIELDS)[entityType].map((field) => `attributes.${field}`);
    return rankWithFuse(query, goldens, fields, first, WORDS[entityType]).map((r) => ({ golden: r.item, score: r.similarity }));
  }
}
