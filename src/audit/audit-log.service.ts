import { Injectable } from '@nestjs/common';
import { Database } from '../common/database/database';
import type { SqlValue } from '../common/database/dialect';
import type { Row, Tx } from '../common/database/tx';
import { uuidv7 } from '../common/database/uuid';
import { toConnection, withTotalCount, type Connection } from '../common/pagination';

/** The actor of what the hub does on its own: keys seeded at start, endpoints disabled after failing. */
export const SYSTEM_ACTOR = 'system';

export interface AuditEntryInput {
  /** `key:<name>` (actorOf), `cli` or `cli:<os user>`, or `system`. */
  readonly actor: string;
  /** `<target type>.<past participle>`, e.g. `api_key.revoked`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | null;
  /** What was done or changed. Never a secret: no API key, no webhook secret. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly details: Record<string, unknown> | null;
}

/** All given conditions must hold; `since` is inclusive, `until` exclusive (UTC ISO strings). */
export interface AuditFilter {
  readonly action?: string | null;
  readonly actor?: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  readonly since?: string | null;
  readonly until?: string | null;
}

/** The audit trail of administrative actions: written with the action, read by admins. */
@Injectable()
export class AuditLogService {
  constructor(private readonly database: Database) {}

  /**
   * Writes one entry. Pass the action's own transaction when it has one, so the action and its entry
   * commit together or not at all; without one the entry gets a transaction of its own.
   */
  async record(entry: AuditEntryInput, tx?: Tx): Promise<void> {
    const row = [
      uuidv7(),
      new Date().toISOString(),
      entry.actor,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
    ];
    const insert = (t: Tx) => t.insertMany('audit_log', ['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'details'], [row]);
    await (tx ? insert(tx) : this.database.transaction(insert));
  }

  /** Newest first: UUIDv7 ids sort by time, so the id is both the order and the cursor. */
  async page(filter: AuditFilter, limit: number, after: string | null): Promise<Connection<AuditEntry>> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (condition: string, value: string | null | undefined) => {
      if (value == null) return;
      where.push(condition);
      params.push(value);
    };
    add('action = ?', filter.action);
    add('actor = ?', filter.actor);
    add('target_type = ?', filter.targetType);
    add('target_id = ?', filter.targetId);
    add('at >= ?', filter.since);
    add('at < ?', filter.until);
    const countWhere = sqlWhere(where);
    const countParams = [...params];
    const count = async () => Number((await this.database.query<{ n: number | string }>(`SELECT count(*) AS n FROM audit_log${countWhere}`, countParams))[0].n);
    add('id < ?', after);
    const rows = await this.database.query(`SELECT * FROM audit_log${sqlWhere(where)} ORDER BY id DESC LIMIT ${limit + 1}`, params);
    return withTotalCount(toConnection(rows.map(toEntry), limit, (e) => e.id, after !== null), count);
  }
}

/** The fields whose values differ between `before` and `after`, as `{ field: { from, to } }`. */
export function changesBetween<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

function sqlWhere(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id as string,
    at: row.at as string,
    actor: row.actor as string,
    action: row.action as string,
    targetType: row.target_type as string,
    targetId: (row.target_id as string | null) ?? null,
    details: row.details ? (JSON.parse(row.details as string) as Record<string, unknown>) : null,
  };
}
