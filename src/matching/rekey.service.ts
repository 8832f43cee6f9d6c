import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { EntityType } from '../common/entity-type';
import { LockSpace, placeholders } from '../common/database/tx';
import { MatchingService } from './matching.service';

// Source records re-keyed per transaction: few enough that their identity locks (hashed into 1,024
// buckets on PostgreSQL) leave most buckets free for ingest meanwhile.
const CHUNK = 250;

export interface RekeyReport {
  /** Live source records looked at. */
  readonly examined: number;
  /** Those whose blocking keys changed under the rules in force. */
  readonly rekeyed: number;
}

interface StoredKeys {
  id: string;
  source: string;
  source_id: string;
  content_hash: string;
  normalized: string;
  match_keys: string | null;
}

/**
 * Brings the persisted blocking keys in line with the rules in force. Keys are derived when a record is
 * ingested; after the blocking rules of a rules file change, stored records would keep the old keys and
 * new records could not find them. This re-derives each live record's keys from its cleansed values and
 * rewrites those that differ, in short transactions, each holding the records' identity locks (so an
 * ingest of the same records waits for it, and the other way round).
 */
@Injectable()
export class RekeyService {
  constructor(
    private readonly database: Database,
    private readonly matching: MatchingService,
  ) {}

  async rekey(entityType: EntityType): Promise<RekeyReport> {
    const engine = this.matching.engine(entityType);
    let examined = 0;
    let rekeyed = 0;
    for (let after = ''; ; ) {
      const page = await this.database.query<{ id: string; source: string; source_id: string }>(
        'SELECT id, source, source_id FROM source_record WHERE entity_type = ? AND NOT deleted AND id > ? ORDER BY id LIMIT ?',
        [entityType, after, CHUNK],
      );
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      examined += page.length;
      rekeyed += await this.database.transaction(async (tx) => {
        await tx.lockKeys(LockSpace.Keys, page.map((r) => `identity:${entityType}:${r.source}:${r.source_id}`));
        // Read again under the locks: an ingest may have changed or deleted one of them meanwhile.
        const rows = await tx.query<StoredKeys>(
          `SELECT id, source, source_id, content_hash, normalized, match_keys FROM source_record WHERE id IN (${placeholders(page.length)}) AND NOT deleted`,
          page.map((r) => r.id),
        );
        const stale: { sourceRecordId: string; blockKey: string }[] = [];
        const fresh: { sourceRecordId: string; blockKey: string }[] = [];
        const unlisted: string[] = [];
        let changed = 0;
        for (const row of rows) {
          const keys = engine.blockingKeys(this.matching.featuresOf(entityType, row.id, row.content_hash, row.normalized));
          const stored = row.match_keys === null ? null : (JSON.parse(row.match_keys) as string[]);
          if (stored && sameKeys(stored, keys)) continue;
          if (stored) stale.push(...stored.map((blockKey) => ({ sourceRecordId: row.id, blockKey })));
          else unlisted.push(row.id);
          fresh.push(...keys.map((blockKey) => ({ sourceRecordId: row.id, blockKey })));
          await tx.execute('UPDATE source_record SET match_keys = ? WHERE id = ?', [JSON.stringify(keys), row.id]);
          changed++;
        }
        await this.matching.replaceKeys(tx, entityType, stale, unlisted, fresh);
        return changed;
      });
    }
    return { examined, rekeyed };
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((key) => set.has(key));
}
