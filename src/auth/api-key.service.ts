import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Database } from '../common/database/database';
import { uuidv7 } from '../common/database/uuid';
import { SourceSystemService } from '../source-systems/source-system.service';
import { AuthException, AuthExceptionCode as Code } from './auth.exception';
import { isRole, type Principal, type Role } from './role';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly source: string | null;
  readonly keyPrefix: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface CreateApiKeyInput {
  readonly role: string;
  readonly source?: string | null;
  readonly name?: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  source: string | null;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
}

const KEY_PREFIX = 'canon_';
// A lookup result is reused for a few seconds so that reads do not pay a database round trip each;
// revocation in this process takes effect at once, in other hub processes within this time.
const CACHE_TTL_MS = 5_000;

/** API keys: created once and shown once, stored as SHA-256 hashes, checked on every request. */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal | null; expires: number }>();

  constructor(
    private readonly database: Database,
    private readonly sourceSystems: SourceSystemService,
  ) {}

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
  async create(input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; key: string }> {
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
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    return { apiKey: await this.insert(key, input.role, source, input.name), key };
  }

  /** Seeds a key whose secret the operator chose (CANON_BOOTSTRAP_ADMIN_KEY); does nothing if it exists. */
  async ensureKey(key: string, role: Role, name: string): Promise<void> {
    const rows = await this.database.query('SELECT id FROM api_key WHERE key_hash = ?', [hashKey(key)]);
    if (rows.length === 0) await this.insert(key, role, null, name);
  }

  /** On a hub with no keys at all, creates an admin key and returns it (to be printed once); else null. */
  async createFirstAdminKey(): Promise<string | null> {
    const rows = await this.database.query<{ n: number | string }>('SELECT count(*) AS n FROM api_key');
    if (Number(rows[0].n) > 0) return null;
    const { key } = await this.create({ role: 'admin', name: 'first-admin' });
    return key;
  }

  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.expires > Date.now()) return cached.principal;
    const rows = await this.database.query<ApiKeyRow>('SELECT * FROM api_key WHERE key_hash = ?', [hash]);
    const row = rows[0];
    const principal: Principal | null =
      row && !row.revoked_at ? { keyId: row.id, name: row.name, role: row.role as Role, source: row.source } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, expires: Date.now() + CACHE_TTL_MS });
    return principal;
  }

  async revoke(id: string): Promise<ApiKey> {
    const revokedAt = new Date().toISOString();
    const row = await this.database.transaction(async (tx) => {
      const changed = await tx.execute('UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [revokedAt, id]);
      const rows = await tx.query<ApiKeyRow>('SELECT * FROM api_key WHERE id = ?', [id]);
      if (rows.length === 0) throw new AuthException(Code.KEY_NOT_FOUND, `no API key with id "${id}"`, 'id');
      return { ...rows[0], changed };
    });
    this.cache.clear();
    return toApiKey(row);
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.database.query<ApiKeyRow>('SELECT * FROM api_key ORDER BY created_at, id');
    return rows.map(toApiKey);
  }

  private async insert(key: string, role: Role, source: string | null, name: string | null | undefined): Promise<ApiKey> {
    const apiKey: ApiKey = {
      id: uuidv7(),
      name: name?.trim() || `${role}-${key.slice(KEY_PREFIX.length, KEY_PREFIX.length + 6)}`,
      role,
      source,
      keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    await this.database.transaction((tx) =>
      tx.insertMany(
        'api_key',
        ['id', 'name', 'role', 'source', 'key_hash', 'key_prefix', 'created_at', 'revoked_at'],
        [[apiKey.id, apiKey.name, role, source, hashKey(key), apiKey.keyPrefix, apiKey.createdAt, null]],
      ),
    );
    return apiKey;
  }
}

/** Keys are 256 random bits, so a plain SHA-256 is enough: there is nothing to brute-force. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    source: row.source,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
