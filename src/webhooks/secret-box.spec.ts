import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32).toString('base64');

  it('opens what it sealed, and never seals the same secret to the same text', () => {
    const box = SecretBox.fromSettings(key, '/nonexistent');
    const a = box.seal('whsec_abc');
    expect(a).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(a);
    expect(box.open(a)).toBe('whsec_abc');
  });

  it('refuses a tampered box or another key', () => {
    const box = SecretBox.fromSettings(key, '/nonexistent');
    const sealed = box.seal('whsec_abc');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('whsec_xyz').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => SecretBox.fromSettings(randomBytes(32).toString('hex'), '/nonexistent').open(sealed)).toThrow();
  });

  it('generates a key file readable by its owner only, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-key-'));
    const sealed = SecretBox.fromSettings(undefined, dir).seal('whsec_abc');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8'), 'base64')).toHaveLength(32);
    expect(SecretBox.fromSettings(undefined, dir).open(sealed)).toBe('whsec_abc');
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a key of the wrong length', () => {
    expect(() => SecretBox.fromSettings('c2hvcnQ=', '/nonexistent')).toThrow(/32 bytes/);
  });
});
