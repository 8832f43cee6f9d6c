// Regrouping a component in canonical order (BatchPlan.settleComponent): the pure parts. Which order
// the records are linked in again, which golden id each new group keeps, and where an emptied golden
// record is merged into.
import { uuidv7 } from '../common/database/uuid';
import type { PairScore } from '../matching/engine/types';
import type { SourceRecordState } from '../golden-records/golden-record.types';

/**
 * The canonical order of a component: the fullest records first (they anchor what the others join), then
 * by content, never by arrival. `known` counts what a record tells the matcher (its informative features:
 * a title naming memory and colour tells more than one naming neither, in as many attributes); records
 * it ranks alike are ranked by their attributes.
 */
export function canonicalOrder(records: readonly SourceRecordState[], known: (record: SourceRecordState) => number = () => 0): SourceRecordState[] {
  const filled = (r: SourceRecordState) => Object.keys(r.normalized).length;
  const told = new Map(records.map((r) => [r.id, known(r)]));
  return [...records].sort(
    (a, b) => told.get(b.id)! - told.get(a.id)! || filled(b) - filled(a) || compare(a.contentHash, b.contentHash) || compare(a.id, b.id),
  );
}

/**
 * Which golden id each regrouped group keeps: largest overlap first across all groups, so the records
 * that held an id keep it (a newcomer and one record never take it from three); on a tie the group with
 * the id's oldest record (ids are time-ordered); then new ids.
 */
export function keptGoldenIds(groups: ReadonlyMap<string, readonly { state: SourceRecordState; goldenId: string }[]>): Map<string, string> {
  const overlaps: { group: string; goldenId: string; count: number; oldest: string }[] = [];
  for (const [group, members] of groups) {
    const held = new Map<string, string[]>();
    for (const { state, goldenId } of members) held.set(goldenId, [...(held.get(goldenId) ?? []), state.id]);
    for (const [goldenId, ids] of held) overlaps.push({ group, goldenId, count: ids.length, oldest: ids.sort()[0] });
  }
  overlaps.sort((a, b) => b.count - a.count || compare(a.goldenId, b.goldenId) || compare(a.oldest, b.oldest));
  const kept = new Map<string, string>();
  const taken = new Set<string>();
  for (const { group, goldenId } of overlaps) {
    if (kept.has(group) || taken.has(goldenId)) continue;
    kept.set(group, goldenId);
    taken.add(goldenId);
  }
  for (const group of groups.keys()) if (!kept.has(group)) kept.set(group, uuidv7());
  return kept;
}

export function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0][0];
}

/** Where a regrouping puts a record: its group (a golden id of the nested plan, or a record id), and the pair that linked it. */
export interface Placement {
  readonly group: string;
  readonly link: PairScore | null;
}

/** The most source records a record's golden records may hold together for them to be grouped again. */
export const COMPONENT_LIMIT = 30;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
