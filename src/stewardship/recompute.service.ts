import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { Database } from '../common/database/database';
import type { EntityType } from '../common/entity-type';
import { RekeyService } from '../matching/rekey.service';
import { GoldenChanges } from './golden-changes';

/** Golden records to recompute per transaction: small enough to keep locks short. */
const CHUNK = 200;

export interface RecomputeReport {
  readonly examined: number;
  readonly changed: number;
  /** Source records whose blocking keys changed under the rules in force (re-keyed first, unless by source). */
  readonly rekeyed: number;
}

/**
 * Brings golden records in line with the rules and trust rankings in force: after a rules file or a
 * source's trust changed, each golden record is recomputed from its source records and pins, and the
 * ones whose values change are written with an `updated` event. Decisions (pins, not-a-match) stay.
 */
@Injectable()
export class RecomputeService {
  constructor(
    private readonly database: Database,
    private readonly changes: GoldenChanges,
    private readonly audit: AuditLogService,
    private readonly keys: RekeyService,
  ) {}

  /**
   * An admin's recompute (GraphQL or `canon recompute`), logged as `rules.applied` with what it changed.
   * Over a whole entity type (after a rules change) it first re-derives the stored blocking keys, so that
   * changed blocking rules find stored records too; by source (after a trust change) keys cannot have
   * changed. It runs in many short transactions, so the entry is written once they are all done.
   */
  async applyRules(options: { entityType: EntityType; source?: string; actor: string }): Promise<RecomputeReport> {
    const rekeyed = options.source ? 0 : (await this.keys.rekey(options.entityType)).rekeyed;
    const report = { ...(await this.recompute({ ...options, reason: 'recompute' })), rekeyed };
    const details = { source: options.source ?? null, examined: report.examined, changed: report.changed, rekeyed };
    await this.audit.record({ actor: options.actor, action: 'rules.applied', targetType: 'rules', targetId: options.entityType, details });
    return report;
  }

  async recompute(options: { entityType: EntityType; source?: string; actor: string; reason: string }): Promise<RecomputeReport> {
    const ids = await this.goldenIds(options.entityType, options.source);
    let changed = 0;
    for (let i = 0; i < ids.length; i += CHUNK) changed += await this.changes.recompute(ids.slice(i, i + CHUNK), options.actor, options.reason);
    return { examined: ids.length, changed, rekeyed: 0 };
  }

  /** Active golden records of the entity type (only those with a record from `source`, when given). */
  private async goldenIds(entityType: EntityType, source: string | undefined): Promise<string[]> {
    const rows = source
      ? await this.database.query<{ id: string }>(
          "SELECT DISTINCT g.id FROM golden_record g JOIN source_record s ON s.golden_id = g.id WHERE g.entity_type = ? AND g.status = 'active' AND s.source = ? ORDER BY g.id",
          [entityType, source],
        )
      : await this.database.query<{ id: string }>("SELECT id FROM golden_record WHERE entity_type = ? AND status = 'active' ORDER BY id", [entityType]);
    return rows.map((r) => r.id);
  }
}
