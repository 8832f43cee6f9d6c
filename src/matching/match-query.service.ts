import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { EntityType } from '../common/entity-type';
import { ContractRegistry } from '../contracts/contract-registry';
import type { FieldError, Features, MatchExplanation, PairScore } from './engine/types';
import { MatchingService } from './matching.service';
import { explanationFromStore } from './stored-explanation';

export interface ScoredGolden {
  readonly goldenId: string;
  /** The source record of that golden record that scored best. */
  readonly sourceRecordId: string;
  readonly pair: PairScore;
}

export type FindMatchesResult = { readonly ok: true; readonly matches: ScoredGolden[] } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Matching without writing: scoring a record against the hub, and explaining existing links. */
@Injectable()
export class MatchQueryService {
  constructor(
    private readonly database: Database,
    private readonly matching: MatchingService,
    private readonly contracts: ContractRegistry,
  ) {}

  /**
   * Scores a record against the hub without saving it (search before create): the golden records its
   * blocking keys lead to, best first, each with its best pair's score, decision and explanation.
   */
  async findMatches(entityType: EntityType, record: unknown, first: number): Promise<FindMatchesResult> {
    const withId = typeof record === 'object' && record !== null && !Array.isArray(record) ? { sourceId: 'search', ...record } : record;
    const validation = this.contracts.validator(entityType).validate(withId);
    if (!validation.ok) return { ok: false, errors: validation.errors };
    const engine = this.matching.engine(entityType);
    const normalized = engine.normalize(validation.record.attributes);
    if (!normalized.cleansed) return { ok: false, errors: normalized.errors };
    const features = engine.features(normalized.cleansed);
    const candidates = await this.matching.candidatesByKeys(this.database, entityType, engine.blockingKeys(features));
    const best = new Map<string, ScoredGolden>();
    // A record sharing several keys with the query comes once per key: it is scored once.
    const scored = new Set<string>();
    for (const candidate of candidates) {
      if (scored.has(candidate.sourceRecordId)) continue;
      scored.add(candidate.sourceRecordId);
      const pair = engine.compare(features, candidate.features);
      const current = best.get(candidate.goldenId);
      if (!current || pair.score > current.pair.score) best.set(candidate.goldenId, { goldenId: candidate.goldenId, sourceRecordId: candidate.sourceRecordId, pair });
    }
    const matches = [...best.values()].sort((a, b) => b.pair.score - a.pair.score || (a.goldenId < b.goldenId ? -1 : 1));
    return { ok: true, matches: matches.slice(0, first) };
  }

  /**
   * Why a source record belongs to a golden record: the explanation stored when the matcher linked it,
   * or else (it started the golden record, or a steward put it there) its best comparison now with the
   * golden record's other live source records. Null when the source record is not in that golden record.
   */
  async explainLink(goldenId: string, sourceRecordId: string): Promise<(MatchExplanation & { stored: boolean }) | null> {
    const rows = await this.database.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM source_record WHERE golden_id = ?`,
      [goldenId],
    );
    const subject = rows.find((r) => r.id === sourceRecordId);
    if (!subject) return null;
    if (subject.link_explanation) return { ...explanationFromStore(subject.link_explanation), stored: true };
    const entityType = subject.entity_type as EntityType;
    const engine = this.matching.engine(entityType);
    const features = (row: MemberRow): Features =>
      this.matching.featuresOf(entityType, row.id, row.content_hash, row.normalized);
    let best: PairScore | null = null;
    for (const other of rows) {
      if (other.id === subject.id || Boolean(other.deleted)) continue;
      const pair = engine.compare(features(subject), features(other));
      if (!best || pair.score > best.score) best = pair;
    }
    return best ? { ...best.explanation, stored: false } : null;
  }

  /**
   * Two stored source records scored against each other with the rules in force now: why a steward's
   * pair ended in one golden record (or apart) when each was linked through a third record, so that
   * neither's own explanation names the other. Null when either record does not exist.
   */
  async compareRecords(aId: string, bId: string): Promise<RecordComparison> {
    const rows = await this.database.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM source_record WHERE id IN (?, ?)`,
      [aId, bId],
    );
    const [a, b] = [rows.find((r) => r.id === aId), rows.find((r) => r.id === bId)];
    if (!a || !b) return null;
    if (a.entity_type !== b.entity_type) return { error: `source record ${aId} is a ${a.entity_type} and ${bId} a ${b.entity_type}: only records of one entity type compare` };
    const entityType = a.entity_type as EntityType;
    const features = (row: MemberRow) => this.matching.featuresOf(entityType, row.id, row.content_hash, row.normalized);
    return { explanation: this.matching.engine(entityType).compare(features(a), features(b)).explanation };
  }
}

/** Two stored source records compared now; `error` when they are of different entity types. */
export type RecordComparison = { readonly explanation: MatchExplanation } | { readonly error: string } | null;

const MEMBER_COLUMNS = 'id, entity_type, golden_id, content_hash, normalized, deleted, link_explanation';

interface MemberRow {
  id: string;
  entity_type: string;
  golden_id: string;
  content_hash: string;
  normalized: string;
  deleted: number | boolean;
  link_explanation: string | null;
}
