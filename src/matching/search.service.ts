import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { EntityType } from '../common/entity-type';
import { GoldenRecordQueryService, type GoldenView } from '../golden-records/golden-record-query.service';
import { rankWithFuse } from './engine/compare/fuse-similarity';
import { normalizeGtin } from './engine/normalize/gtin';
import { nicknameKeys, normalizeName } from './engine/normalize/name';
import { normalizePhone } from './engine/normalize/phone';
import { analyzeTitle } from './engine/normalize/product-title';
import { phoneticKeys } from './engine/phonetic';
import { MatchingService } from './matching.service';

// How many stored records one key or key prefix may contribute, and how many golden records are re-ranked.
const PER_KEY_LIMIT = 200;
const MAX_CANDIDATES = 1000;

const SEARCH_FIELDS: Record<EntityType, readonly string[]> = {
  customer: ['givenName', 'familyName', 'email', 'phone', 'city', 'postalCode', 'addressLine1'],
  product: ['name', 'brand', 'gtin', 'sku', 'category'],
};

export interface SearchHit {
  readonly golden: GoldenView;
  readonly score: number;
}

/**
 * Fuzzy search without a full scan: the query's words are read as the features blocking keys are made
 * of (a phonetic family name, an email, a model code…), the stored keys with those values (or that
 * prefix) give a few hundred candidates through the match_key index, and fuse.js ranks their golden
 * records against the query. Cost depends on the query, not on how many records the hub holds.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly database: Database,
    private readonly matching: MatchingService,
    private readonly goldenRecords: GoldenRecordQueryService,
  ) {}

  async search(entityType: EntityType, query: string, first: number): Promise<SearchHit[]> {
    const values = queryFeatureValues(entityType, query);
    const exact: string[] = [];
    const prefixes: string[] = [];
    for (const rule of this.matching.rules[entityType].blocking) {
      for (const value of values[rule.on[0]] ?? []) {
        if (rule.on.length === 1) exact.push(`${rule.name}:${value}`);
        else prefixes.push(`${rule.name}:${value}|`);
      }
    }
    const sourceRecordIds = new Set<string>();
    const collect = (rows: { source_record_id: string }[]) => rows.forEach((r) => sourceRecordIds.add(r.source_record_id));
    if (exact.length > 0) {
      collect(
        await this.database.query(
          `SELECT source_record_id FROM match_key WHERE entity_type = ? AND block_key IN (${exact.map(() => '?').join(',')}) LIMIT ${MAX_CANDIDATES}`,
          [entityType, ...exact],
        ),
      );
    }
    for (const prefix of prefixes.slice(0, 40)) {
      if (sourceRecordIds.size >= MAX_CANDIDATES) break;
      // '|' + 1 is '}': the range [prefix, prefix with '}') is every key that starts with the prefix.
      collect(
        await this.database.query(
          `SELECT source_record_id FROM match_key WHERE entity_type = ? AND block_key >= ? AND block_key < ? LIMIT ${PER_KEY_LIMIT}`,
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
    return rankWithFuse(query, goldens, SEARCH_FIELDS[entityType], first).map((r) => ({ golden: r.item, score: r.similarity }));
  }
}

/** The values a query could have for each feature blocking keys start with. */
function queryFeatureValues(entityType: EntityType, query: string): Record<string, string[]> {
  const words = query.split(/\s+/).filter(Boolean);
  const out: Record<string, string[]> = {};
  const add = (feature: string, value: string | null | undefined) => {
    if (value) (out[feature] ??= []).includes(value) || out[feature].push(value);
  };
  if (entityType === 'customer') {
    for (const word of words) {
      if (word.includes('@')) add('email', word.toLowerCase());
      const phone = /\d{6,}/.test(word.replace(/\D/g, '')) ? normalizePhone(word.startsWith('+') ? word : `+${word.replace(/\D/g, '')}`) : null;
      add('phone', phone?.e164);
      if (/^\d{4}-\d{2}-\d{2}$/.test(word)) add('birthDate', word);
      const name = normalizeName(word);
      if (!name || /\d/.test(name)) {
        add('postalCode', word.toUpperCase().replace(/[\s-]/g, ''));
        continue;
      }
      add('familyPhonetic1', phoneticKeys(name)[0]);
      add('givenPhonetic1', phoneticKeys(name)[0]);
      for (const key of nicknameKeys(name)) add('givenNameKeys', key);
      add('city', name);
    }
    return out;
  }
  const title = analyzeTitle(query);
  for (const code of title.modelCodes) add('modelCodes', code);
  for (const word of words) {
    const gtin = /^\d{8,14}$/.test(word) ? normalizeGtin(word) : null;
    if (gtin && 'gtin14' in gtin) add('gtin', gtin.gtin14);
  }
  for (const token of title.tokens) add('brand', token);
  return out;
}
