import { Injectable } from '@nestjs/common';
import { hash, randomBytes } from 'node:crypto';
import { AuditLogService, SYSTEM_ACTOR } from '../audit/audit-log.service';
import { Database } from '../common/database/database';
import { LruCache } from '../common/lru-cache';
import { uuidv7 } from '../common/database/uuid';
import { SourceSystemService } from '../source-systems/source-system.service';
import { AuthException, AuthExceptionCode as Code } from './auth.exception';
import { isRole, type Principal, type Role } from './role';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly source: string | null;
  /** Sees personal data in clear; admins and stewards always do. */
  readonly pii: boolean;
  readonly keyPrefix: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly expiresAt: string | null;
}

export interface CreateApiKeyInput {
  readonly role: string;
  readonly source?: string | null;
  readonly name?: string | null;
  /** Lets a reader or source key see personal data in clear. */
  readonly pii?: boolean | null;
  /** ISO timestamp after which the key is refused; absent: never. */
  readonly expiresAt?: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  source: string | null;
  pii: boolean | number;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

const KEY_PREFIX = 'canon_';
// A lookup result is reused for a few seconds so that reads do not pay a database round trip each;
// revocation in this process takes effect at once, in other hub processes within this time.
const CACHE_TTL_MS = 5_000;

/** API keys: created once and shown once, stored as SHA-256 hashes, checked on every request. */
@Injectable()
export class ApiKeyService {
  // Known keys and unknown ones apart, so that a flood of made-up keys cannot evict the real ones.
  private readonly known = new LruCache<string, CachedLookup>(10_000);
  private readonly unknown = new LruCache<string, CachedLookup>(1_000);
  /** Bumped by every revocation: a lookup that started before it must not cache what it read. */
  private generation = 0;

  constructor(
    private readonly database: Database,
    private readonly sourceSystems: SourceSystemService,
    private readonly audit: AuditLogService,
  ) {}

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
  async create(input: CreateApiKeyInput, actor: string = SYSTEM_ACTOR): Promise<{ apiKey: ApiKey; key: string }> {
    if (!isRole(input.role)) {
      throw new AuthException(Code.INVALID_ROLE, `unknown role "${input.role}": use admin, steward, reader or source`, 'role');
    }
    const source = input.source?.trim() || null;
    if (input.role === 'source' && !source) {
      throw new AuthException(Code.SOURCE_REQUIRED, 'a key with role source must name its source system', 'source');
    }
    if (input.role !== 'source' && source) {
      throw new AuthException(Code.SOURCE_NOT_ALLOWED, 'only keys with role source are bound to a source system', 'source');
    }
    if (source) await this.sourceSystems.get(source);
    const expiresAt = checkExpiry(input.expiresAt);
    // A key's name is who it is in every history and audit entry (`key:<name>`): one name, one key, ever.
    const name = input.name?.trim();
    if (name && (await this.database.query('SELECT id FROM api_key WHERE name = ?', [name])).length > 0) {
      throw new AuthException(Code.DUPLICATE_NAME, `an API key named "${name}" exists (or existed): choose another name`, 'name');
    }
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    return { apiKey: await this.insert(key, { role: input.role, source, name: input.name, pii: input.pii === true, expiresAt }, actor), key };
  }

  /** Seeds a key whose secret the operator chose (CANON_BOOTSTRAP_ADMIN_KEY); does nothing if it exists. */
  async ensureKey(key: string, role: Role, name: string): Promise<void> {
    const exists = async () => (await this.database.query('SELECT id FROM api_key WHERE key_hash = ?', [hashKey(key)])).length > 0;
    if (await exists()) return;
    try {
      await this.insert(key, { role, source: null, name, pii: false, expiresAt: null }, SYSTEM_ACTOR);
    } catch (error) {
      // Hub processes starting together on one database race to create it (a unique violation for
      // all but one): the others find it there and start; any other failure stands.
      if (!(await exists())) throw error;
    }
  }

  /** On a hub with no keys at all, creates an admin key and returns it (to be printed once); else null. */
  async createFirstAdminKey(): Promise<string | null> {
    const rows = await this.database.query<{ n: number | string }>('SELECT count(*) AS n FROM api_key');
    if (Number(rows[0].n) > 0) return null;
    const { key } = await this.create({ role: 'admin', name: 'first-admin' });
    return key;
  }

  /** The principal of a key this process has recently seen valid, without a database lookup; else null. */
  knownPrincipal(key: string): Principal | null {
    const cached = this.known.get(hashKey(key));
    return cached && cached.expires > Date.now() ? cached.principal : null;
  }

  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.known.get(hash) ?? this.unknown.get(hash);
    if (cached && cached.expires > Date.now()) return cached.principal;
    const generation = this.generation;
    const rows = await this.database.query<ApiKeyRow>('SELECT * FROM api_key WHERE key_hash = ?', [hash]);
    const row = rows[0];
    const now = Date.now();
    const expiresAt = row?.expires_at ? Date.parse(row.expires_at) : Infinity;
    const valid = row && !row.revoked_at && expiresAt > now;
    const principal: Principal | null = valid ? { keyId: row.id, name: row.name, role: row.role as Role, source: row.source, pii: Boolean(row.pii) } : null;
    // Never cache a key past its expiry, nor a lookup a revocation overtook.
    if (generation === this.generation) (principal ? this.known : this.unknown).set(hash, { principal, expires: Math.min(now + CACHE_TTL_MS, expiresAt) });
    return principal;
  }

  /** Revokes a key; `alreadyRevoked` says it was revoked before (nothing changed, nothing logged). */
  async revoke(id: string, actor: string = SYSTEM_ACTOR): Promise<ApiKey & { alreadyRevoked: boolean }> {
    const revokedAt = new Date().toISOString();
    const row = await this.database.transaction(async (tx) => {
      const changed = await tx.execute('UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [revokedAt, id]);
      const rows = await tx.query<ApiKeyRow>('SELECT * FROM api_key WHERE id = ?', [id]);
      if (rows.length === 0) throw new AuthException(Code.KEY_NOT_FOUND, `no API key with id "${id}"`, 'id');
      // Revoking a revoked key changes nothing, and is not logged again.
      if (changed > 0) await this.audit.record({ actor, action: 'api_key.revoked', targetType: 'api_key', targetId: id, details: auditDetails(toApiKey(rows[0])) }, tx);
      return { ...rows[0], changed };
    });
    this.generation++;
    this.known.clear();
    this.unknown.clear();
    return { ...toApiKey(row), alreadyRevoked: row.changed === 0 };
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.database.query<ApiKeyRow>('SELECT * FROM api_key ORDER BY created_at, id');
    return rows.map(toApiKey);
  }

  private async insert(key: string, fields: KeyFields, actor: string): Promise<ApiKey> {
    const { role, source, pii, expiresAt } = fields;
    const apiKey: ApiKey = {
      id: uuidv7(),
      name: fields.name?.trim() || `${role}-${key.slice(KEY_PREFIX.length, KEY_PREFIX.length + 6)}`,
      role,
      source,
      pii,
      keyPrefix: keyPrefixOf(key),
      createdAt: new Date().toISOString(),
      revokedAt: null,
      expiresAt,
    };
    await this.database.transaction(async (tx) => {
      await tx.insertMany(
        'api_key',
        ['id', 'name', 'role', 'source', 'pii', 'key_hash', 'key_prefix', 'created_at', 'revoked_at', 'expires_at'],
        [[apiKey.id, apiKey.name, role, source, pii, hashKey(key), apiKey.keyPrefix, apiKey.createdAt, null, expiresAt]],
      );
      await this.audit.record({ actor, action: 'api_key.created', targetType: 'api_key', targetId: apiKey.id, details: auditDetails(apiKey) }, tx);
    });
    return apiKey;
  }
}

interface KeyFields {
  readonly role: Role;
  readonly source: string | null;
  readonly name: string | null | undefined;
  readonly pii: boolean;
  readonly expiresAt: string | null;
}

/** An expiry must be a real timestamp in the future; it is stored normalised to UTC. */
function checkExpiry(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new AuthException(Code.INVALID_EXPIRY, `expiresAt "${value}" is not an ISO-8601 timestamp`, 'expiresAt');
  if (at <= Date.now()) throw new AuthException(Code.INVALID_EXPIRY, `expiresAt ${new Date(at).toISOString()} is in the past`, 'expiresAt');
  return new Date(at).toISOString();
}

/**
 * What tells keys apart in a list: the first characters of a generated key (random, so they give nothing
 * away), but only a short hash fingerprint of a key the operator chose, whose start may be most of it.
 */
function keyPrefixOf(key: string): string {
  return key.startsWith(KEY_PREFIX) ? key.slice(0, KEY_PREFIX.length + 6) : `sha256:${hashKey(key).slice(0, 8)}`;
}

interface CachedLookup {
  readonly principal: Principal | null;
  readonly expires: number;
}

/** Generated keys are 256 random bits and a chosen bootstrap key has at least 24 characters: a plain SHA-256 is enough. */
export function hashKey(key: string): string {
  // The one-shot hash: every request hashes its key, and createHash's objects cost three times as much.
  return hash('sha256', key, 'hex');
}

/** What the audit log keeps of a key: never the key, only its prefix. */
function auditDetails(key: ApiKey): Record<string, unknown> {
  return { name: key.name, role: key.role, source: key.source, pii: key.pii, expiresAt: key.expiresAt, keyPrefix: key.keyPrefix };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    source: row.source,
    pii: Boolean(row.pii),
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}
