import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts webhook secrets at rest (AES-256-GCM, a fresh nonce each time). The key comes from
 * CANON_SECRET_KEY (32 bytes, base64 or hex) or from `secret.key` in the data directory, generated on
 * first use with owner-only permissions; losing it makes the stored secrets unreadable.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromSettings(secretKey: string | undefined, dataDir: string): SecretBox {
    if (secretKey) return new SecretBox(parseKey(secretKey));
    const path = join(dataDir, 'secret.key');
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
    }
    return new SecretBox(parseKey(readFileSync(path, 'utf8').trim()));
  }

  /** `v1.<nonce>.<tag>.<ciphertext>`, base64url parts. */
  seal(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', nonce, cipher.getAuthTag(), sealed].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(box: string): string {
    const [version, nonce, tag, sealed] = box.split('.');
    if (version !== 'v1' || !sealed) throw new Error('not a sealed secret');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }
}

function parseKey(value: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('CANON_SECRET_KEY must be 32 bytes, written as 64 hex digits or base64');
  return key;
}
