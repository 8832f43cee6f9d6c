import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { Row } from '../common/database/tx';
import type { EntityType } from '../common/entity-type';
import { toConnection, withTotalCount, type Connection } from '../common/pagination';
import type { MatchExplanation } from '../matching/engine/types';
import type { ReviewTaskSubjects, ReviewTaskKind, ReviewTaskStatus } from './review-task.types';
import { explanationFromStore } from '../matching/stored-explanation';

export interface ReviewTaskView {
  readonly id: string;
  readonly entityType: EntityType;
  readonly kind: ReviewTaskKind;
  readonly status: ReviewTaskStatus;
  readonly goldenId: string;
  readonly subjects: ReviewTaskSubjects;
  readonly score: number | null;
  readonly explanation: MatchExplanation | null;
  readonly assignee: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ReviewTaskFilter {
  readonly status: ReviewTaskStatus;
  readonly entityType?: EntityType | null;
  readonly kind?: ReviewTaskKind | null;
}

/** The stewards' queue: review tasks by status, entity type and kind, oldest first. */
@Injectable()
export class ReviewTaskQueryService {
  constructor(private readonly database: Database) {}

  async get(id: string): Promise<ReviewTaskView | null> {
    const [row] = await this.database.query('SELECT * FROM review_task WHERE id = ?', [id]);
    return row ? toReviewTaskView(row) : null;
  }

  async page(filter: ReviewTaskFilter, limit: number, after: string | null): Promise<Connection<ReviewTaskView>> {
    const where = ['status = ?'];
    const params: string[] = [filter.status];
    if (filter.entityType) {
      where.push('entity_type = ?');
      params.push(filter.entityType);
    }
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    const countSql = `SELECT count(*) AS n FROM review_task WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after !== null) {
      where.push('id > ?');
      params.push(after);
    }
    const rows = await this.database.query(`SELECT * FROM review_task WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${limit + 1}`, params);
    const page = toConnection(rows.map(toReviewTaskView), limit, (t) => t.id, after !== null);
    return withTotalCount(page, async () => Number((await this.database.query<{ n: number | string }>(countSql, countParams))[0].n));
  }
}

function toReviewTaskView(row: Row): ReviewTaskView {
  return {
    id: row.id as string,
    entityType: row.entity_type as EntityType,
    kind: row.kind as ReviewTaskKind,
    status: row.status as ReviewTaskStatus,
    goldenId: row.golden_id as string,
    subjects: JSON.parse(row.subjects as string) as ReviewTaskSubjects,
    score: row.score === null ? null : Number(row.score),
    explanation: row.explanation ? explanationFromStore(row.explanation as string) : null,
    assignee: (row.assignee as string | null) ?? null,
    version: Number(row.version),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}
