import { Injectable } from '@nestjs/common';
import { AuditLogService, changesBetween, SYSTEM_ACTOR } from '../audit/audit-log.service';
import { Database } from '../common/database/database';
import type { Tx } from '../common/database/tx';
import { loadContractSchema } from '../contracts/contract-registry';
import { ENTITY_TYPES } from '../common/entity-type';
import { SourceSystemException, SourceSystemExceptionCode as Code } from './source-system.exception';

/** Trust ranks run from 0 (least) to 100 (most); a source without a rank for an attribute has its default. */
export const DEFAULT_TRUST = 50;

export interface SourceTrust {
  readonly default: number;
  readonly attributes: Readonly<Record<string, number>>;
}

export interface SourceSystem {
  readonly code: string;
  readonly name: string;
  readonly trust: SourceTrust;
  /** Each real entity appears at most once in this source, so its records never link to each other. */
  readonly uniqueRecords: boolean;
  /** The country a record of this source is in when it names none: national phone numbers are read in it. */
  readonly defaultCountry: string | null;
  readonly createdAt: string;
}

export interface SourceSystemInput {
  readonly code: string;
  readonly name?: string;
  readonly defaultTrust?: number;
  readonly attributeTrust?: Readonly<Record<string, number>>;
  readonly uniqueRecords?: boolean;
  /** ISO 3166-1 alpha-2; null clears it. */
  readonly defaultCountry?: string | null;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface SourceSystemRow {
  code: string;
  name: string;
  trust: string;
  unique_records: boolean | number;
  default_country: string | null;
  created_at: string;
}

/** Registers the systems that may send records, with how far survivorship trusts each for each attribute. */
@Injectable()
export class SourceSystemService {
  private readonly knownAttributes = new Set(
    ENTITY_TYPES.flatMap((t) => Object.keys((loadContractSchema(t).properties ?? {}) as object)),
  );
  /** The country codes the customer contract accepts. */
  private readonly countries = new Set(
    ((loadContractSchema('customer').properties as Record<string, { enum?: unknown[] }>).country.enum ?? []).filter((c): c is string => typeof c === 'string'),
  );

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLogService,
  ) {}

  async create(input: SourceSystemInput, actor: string = SYSTEM_ACTOR): Promise<SourceSystem> {
    if (!CODE_PATTERN.test(input.code)) {
      throw new SourceSystemException(
        Code.INVALID_SOURCE_CODE,
        'a source code is 1-64 letters, digits, "_", "." or "-", starting with a letter or digit',
        'code',
      );
    }
    const system: SourceSystem = {
      code: input.code,
      name: input.name?.trim() || input.code,
      trust: this.trustFrom(input.defaultTrust, input.attributeTrust ?? {}),
      uniqueRecords: input.uniqueRecords ?? false,
      defaultCountry: this.countryFrom(input.defaultCountry ?? null),
      createdAt: new Date().toISOString(),
    };
    await this.database.transaction(async (tx) => {
      const exists = await tx.query('SELECT code FROM source_system WHERE code = ?', [system.code]);
      if (exists.length > 0) throw new SourceSystemException(Code.SOURCE_EXISTS, `source system "${system.code}" already exists`, 'code');
      await tx.insertMany('source_system', ['code', 'name', 'trust', 'unique_records', 'default_country', 'created_at'], [
        [system.code, system.name, JSON.stringify(system.trust), system.uniqueRecords, system.defaultCountry, system.createdAt],
      ]);
      const details = { name: system.name, trust: system.trust, uniqueRecords: system.uniqueRecords, ...(system.defaultCountry ? { defaultCountry: system.defaultCountry } : {}) };
      await this.audit.record({ actor, action: 'source_system.created', targetType: 'source_system', targetId: system.code, details }, tx);
    });
    return system;
  }

  /** Replaces the name and/or trust ranking of a source; fields left out keep their value. */
  async update(code: string, input: Omit<SourceSystemInput, 'code'>, actor: string = SYSTEM_ACTOR): Promise<SourceSystem> {
    return this.database.transaction(async (tx) => {
      const rows = await tx.query<SourceSystemRow>('SELECT * FROM source_system WHERE code = ?', [code]);
      if (rows.length === 0) throw unknownSource(code);
      const current = toSourceSystem(rows[0]);
      const updated: SourceSystem = {
        ...current,
        name: input.name?.trim() || current.name,
        trust: this.trustFrom(input.defaultTrust ?? current.trust.default, input.attributeTrust ?? current.trust.attributes),
        uniqueRecords: input.uniqueRecords ?? current.uniqueRecords,
        defaultCountry: input.defaultCountry === undefined ? current.defaultCountry : this.countryFrom(input.defaultCountry),
      };
      await tx.execute('UPDATE source_system SET name = ?, trust = ?, unique_records = ?, default_country = ? WHERE code = ?', [
        updated.name,
        JSON.stringify(updated.trust),
        updated.uniqueRecords,
        updated.defaultCountry,
        code,
      ]);
      // Before and after of what changed (trust changes move golden values); an update that changes nothing is not logged.
      const changes = changesBetween(current, updated, ['name', 'trust', 'uniqueRecords', 'defaultCountry']);
      if (Object.keys(changes).length > 0) {
        await this.audit.record({ actor, action: 'source_system.updated', targetType: 'source_system', targetId: code, details: { changes } }, tx);
      }
      return updated;
    });
  }

  async find(code: string): Promise<SourceSystem | null> {
    const rows = await this.database.query<SourceSystemRow>('SELECT * FROM source_system WHERE code = ?', [code]);
    return rows[0] ? toSourceSystem(rows[0]) : null;
  }

  async get(code: string): Promise<SourceSystem> {
    const system = await this.find(code);
    if (!system) throw unknownSource(code);
    return system;
  }

  /**
   * The source systems as a write transaction must see them: on PostgreSQL with a share lock, so that a
   * trust change waits for the batches that read the old ranking (and the recompute after it sees their
   * golden records), and a batch that starts after the change reads the new one.
   */
  async listInTransaction(tx: Tx): Promise<SourceSystem[]> {
    const rows = await tx.query<SourceSystemRow>(`SELECT * FROM source_system ORDER BY code${tx.dialect === 'postgres' ? ' FOR SHARE' : ''}`);
    return rows.map(toSourceSystem);
  }

  async list(): Promise<SourceSystem[]> {
    const rows = await this.database.query<SourceSystemRow>('SELECT * FROM source_system ORDER BY code');
    return rows.map(toSourceSystem);
  }

  private countryFrom(country: string | null): string | null {
    if (country === null) return null;
    const code = country.trim().toUpperCase();
    if (!this.countries.has(code)) {
      throw new SourceSystemException(Code.INVALID_COUNTRY, `"${country}" is not an ISO 3166-1 alpha-2 country code (GB, DE, AU)`, 'defaultCountry');
    }
    return code;
  }

  private trustFrom(defaultTrust: number | undefined, attributes: Readonly<Record<string, number>>): SourceTrust {
    const check = (rank: number, field: string) => {
      if (!Number.isInteger(rank) || rank < 0 || rank > 100) {
        throw new SourceSystemException(Code.INVALID_TRUST, `a trust rank is an integer from 0 to 100, got ${rank}`, field);
      }
    };
    const fallback = defaultTrust ?? DEFAULT_TRUST;
    check(fallback, 'defaultTrust');
    for (const [attribute, rank] of Object.entries(attributes)) {
      if (!this.knownAttributes.has(attribute)) {
        throw new SourceSystemException(Code.INVALID_TRUST, `"${attribute}" is not an attribute of any data contract`, 'attributeTrust');
      }
      check(rank, 'attributeTrust');
    }
    return { default: fallback, attributes: { ...attributes } };
  }
}

/** The trust rank of `source` for `attribute`, given all source systems. */
export function trustLookup(systems: readonly SourceSystem[]): (source: string, attribute: string) => number {
  const byCode = new Map(systems.map((s) => [s.code, s.trust]));
  return (source, attribute) => {
    const trust = byCode.get(source);
    return trust ? (trust.attributes[attribute] ?? trust.default) : DEFAULT_TRUST;
  };
}

export function unknownSource(code: string): SourceSystemException {
  return new SourceSystemException(
    Code.UNKNOWN_SOURCE,
    `unknown source system "${code}": register it first (canon source add ${code})`,
    'source',
  );
}

function toSourceSystem(row: SourceSystemRow): SourceSystem {
  return {
    code: row.code,
    name: row.name,
    trust: JSON.parse(row.trust) as SourceTrust,
    uniqueRecords: Boolean(row.unique_records),
    defaultCountry: row.default_country ?? null,
    createdAt: row.created_at,
  };
}
