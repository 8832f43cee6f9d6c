import type { SourceRecordView } from '../golden-records/golden-record-query.service';
import type { AttributeValue } from '../matching/engine/types';
import type { TrustLookup } from '../survivorship/survivorship.types';

export interface SideBySideValue {
  readonly value: AttributeValue | null;
  readonly goldenId: string;
  readonly sourceRecordId: string;
  readonly source: string;
  readonly sourceId: string;
  readonly trust: number;
  readonly updatedAt: string | null;
}

export interface SideBySideRow {
  readonly attribute: string;
  /** True when the records hold more than one distinct value. */
  readonly differs: boolean;
  readonly values: readonly SideBySideValue[];
}

/**
 * What a steward compares: per attribute, every live source record's value (null where it has none)
 * with its golden record, source, trust and date; golden records in the order given, then by source.
 */
export function sideBySide(goldenIds: readonly string[], records: readonly SourceRecordView[], trust: TrustLookup): SideBySideRow[] {
  const rank = new Map(goldenIds.map((id, i) => [id, i]));
  const live = records
    .filter((r) => !r.deleted && rank.has(r.goldenId))
    .sort((a, b) => rank.get(a.goldenId)! - rank.get(b.goldenId)! || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.sourceId < b.sourceId ? -1 : 1));
  const attributes = [...new Set(live.flatMap((r) => Object.keys(r.normalized)))].sort();
  return attributes.map((attribute) => {
    const values = live.map((r) => ({
      value: r.normalized[attribute] ?? null,
      goldenId: r.goldenId,
      sourceRecordId: r.id,
      source: r.source,
      sourceId: r.sourceId,
      trust: trust(r.source, attribute),
      updatedAt: r.updatedAt,
    }));
    const distinct = new Set(values.filter((v) => v.value !== null).map((v) => JSON.stringify(v.value)));
    return { attribute, differs: distinct.size > 1, values };
  });
}
