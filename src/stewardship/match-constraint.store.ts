import { Injectable } from '@nestjs/common';
import type { SqlExecutor, Tx } from '../common/database/tx';
import { queryWhereIn } from '../common/database/tx';
import type { EntityType } from '../common/entity-type';

export type ConstraintKind = 'cannot_link' | 'must_link';

export interface ConstraintWrite {
  readonly entityType: EntityType;
  readonly kind: ConstraintKind;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

/** Stewards' match decisions as pairs of source records, read and written inside the caller's transaction. */
@Injectable()
export class MatchConstraintStore {
  /** The cannot-link pairs that involve any of `sourceRecordIds`. */
  async cannotLinks(tx: SqlExecutor, sourceRecordIds: readonly string[]): Promise<[string, string][]> {
    return (await this.decisions(tx, sourceRecordIds)).cannotLinks;
  }

  /** Both kinds of decision that involve any of `sourceRecordIds`, in one read: not a match, and a steward's merges. */
  async decisions(tx: SqlExecutor, sourceRecordIds: readonly string[]): Promise<{ cannotLinks: [string, string][]; mustLinks: [string, string][] }> {
    const ids = [...new Set(sourceRecordIds)];
    const rows = [
      ...(await queryWhereIn(tx, ids, (condition) => `SELECT a_source_record_id AS a, b_source_record_id AS b, kind FROM match_constraint WHERE a_source_record_id ${condition}`)),
      ...(await queryWhereIn(tx, ids, (condition) => `SELECT a_source_record_id AS a, b_source_record_id AS b, kind FROM match_constraint WHERE b_source_record_id ${condition}`)),
    ];
    const ofKind = (kind: ConstraintKind) => {
      const pairs = new Map(rows.filter((r) => r.kind === kind).map((r) => [`${r.a} ${r.b}`, [r.a as string, r.b as string] as [string, string]]));
      return [...pairs.values()];
    };
    return { cannotLinks: ofKind('cannot_link'), mustLinks: ofKind('must_link') };
  }

  /** Whether a cannot-link already holds between every record of `left` and every one of `right`. */
  async allCannotLink(tx: SqlExecutor, left: readonly string[], right: readonly string[]): Promise<boolean> {
    const decided = new Set((await this.cannotLinks(tx, left)).map((pair) => pair.join(' ')));
    return pairsOf(left, right).every((pair) => decided.has(pair.join(' ')));
  }

  /** Records the decision for every pair of `left` × `right`, replacing an earlier decision on a pair. */
  async save(tx: Tx, left: readonly string[], right: readonly string[], write: ConstraintWrite): Promise<void> {
    const rows = pairsOf(left, right).map(([a, b]) => [a, b, write.kind, write.entityType, write.actor, write.reason, write.at]);
    await tx.insertMany('match_constraint', ['a_source_record_id', 'b_source_record_id', 'kind', 'entity_type', 'actor', 'reason', 'created_at'], rows, {
      target: ['a_source_record_id', 'b_source_record_id'],
      update: ['kind', 'actor', 'reason', 'created_at'],
    });
  }

  /** Forgets every decision of `kind` between a record of `left` and one of `right` (a steward decided otherwise). */
  async remove(tx: Tx, kind: ConstraintKind, left: readonly string[], right: readonly string[]): Promise<void> {
    for (const [a, b] of pairsOf(left, right)) {
      await tx.execute('DELETE FROM match_constraint WHERE a_source_record_id = ? AND b_source_record_id = ? AND kind = ?', [a, b, kind]);
    }
  }
}

/** Every pair of a record of `left` and a record of `right`, the smaller id first. */
function pairsOf(left: readonly string[], right: readonly string[]): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (const x of left) {
    for (const y of right) {
      if (x === y) continue;
      const pair: [string, string] = x < y ? [x, y] : [y, x];
      pairs.set(pair.join(' '), pair);
    }
  }
  return [...pairs.values()];
}
