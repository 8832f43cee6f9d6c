import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './canon-config';

describe('loadConfig', () => {
  it('has defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve('data'),
      database: { type: 'sqlite', path: resolve('data', 'canon.sqlite') },
      rulesDir: resolve('data', 'rules'),
      bootstrapAdminKey: undefined,
      production: false,
      logLevel: 'info',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '', CANON_DATA_DIR: '', DATABASE_URL: '', CANON_BOOTSTRAP_ADMIN_KEY: '', CANON_LOG_LEVEL: '' })).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        CANON_DATA_DIR: '/var/lib/canon',
        DATABASE_URL: 'postgres://canon:secret@db:5432/canon',
        CANON_BOOTSTRAP_ADMIN_KEY: 'admin-key-0123456789abcdef',
        NODE_ENV: 'production',
        CANON_LOG_LEVEL: 'error',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/canon',
      database: { type: 'postgres', url: 'postgres://canon:secret@db:5432/canon' },
      rulesDir: '/var/lib/canon/rules',
      bootstrapAdminKey: 'admin-key-0123456789abcdef',
      production: true,
      logLevel: 'error',
    });
  });

  it('puts the default SQLite file in the data directory', () => {
    expect(loadConfig({ CANON_DATA_DIR: 'state' }).database).toEqual({ type: 'sqlite', path: resolve('state', 'canon.sqlite') });
  });

  it.each(['0', '65535'])('accepts PORT=%s', (port) => {
    expect(loadConfig({ PORT: port }).port).toBe(Number(port));
  });

  it.each(['abc', '-1', '65536', '3000.5', '80a'])('rejects PORT=%s with a ConfigError naming the variable', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port })).toThrow(`PORT must be an integer 0-65535, got "${port}"`);
  });

  it('rejects an unknown log level', () => {
    expect(() => loadConfig({ CANON_LOG_LEVEL: 'debug' })).toThrow(new ConfigError('CANON_LOG_LEVEL must be silent, error or info, got "debug"'));
  });

  it('rejects a DATABASE_URL of another scheme', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/canon' })).toThrow(ConfigError);
  });
});

describe('parseDatabaseUrl', () => {
  const dataDir = '/srv/canon/data';

  it('defaults to canon.sqlite in the data directory', () => {
    expect(parseDatabaseUrl(undefined, dataDir)).toEqual({ type: 'sqlite', path: '/srv/canon/data/canon.sqlite' });
    expect(parseDatabaseUrl('', dataDir)).toEqual({ type: 'sqlite', path: '/srv/canon/data/canon.sqlite' });
  });

  it('resolves a relative sqlite: path against the working directory', () => {
    expect(parseDatabaseUrl('sqlite:./db/canon.sqlite', dataDir)).toEqual({ type: 'sqlite', path: resolve('db', 'canon.sqlite') });
    expect(parseDatabaseUrl('sqlite:canon.sqlite', dataDir)).toEqual({ type: 'sqlite', path: resolve('canon.sqlite') });
  });

  it('keeps absolute paths and :memory:', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/canon.sqlite', dataDir)).toEqual({ type: 'sqlite', path: '/tmp/canon.sqlite' });
    expect(parseDatabaseUrl('sqlite:///tmp/canon.sqlite', dataDir)).toEqual({ type: 'sqlite', path: '/tmp/canon.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:', dataDir)).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it('rejects sqlite: without a path', () => {
    expect(() => parseDatabaseUrl('sqlite:', dataDir)).toThrow(new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/canon.sqlite'));
  });

  it.each(['admin', 'Winter2024!adm', 'a key with spaces in it, long enough'])('refuses a guessable bootstrap admin key: %s', (key) => {
    expect(() => loadConfig({ CANON_BOOTSTRAP_ADMIN_KEY: key })).toThrow(/CANON_BOOTSTRAP_ADMIN_KEY must be at least 24 characters without spaces/);
  });

  it.each(['postgres://canon@localhost/canon', 'postgresql://canon:pw@db.example:5433/canon?sslmode=require'])('passes %s through', (url) => {
    expect(parseDatabaseUrl(url, dataDir)).toEqual({ type: 'postgres', url });
  });

  it.each(['mysql://localhost/canon', 'canon.sqlite', 'file:canon.sqlite', 'postgres:canon', 'https://db.example'])('rejects %s with a ConfigError', (url) => {
    expect(() => parseDatabaseUrl(url, dataDir)).toThrow(ConfigError);
    expect(() => parseDatabaseUrl(url, dataDir)).toThrow('DATABASE_URL must start with sqlite: or postgres://');
  });
});
