import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** Set for role `source`: the one source system this key may ingest as. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  source: string | null;

  /** Whether the key sees personal data (email, phone, birth date, street address) in clear; else masked. */
  @Column({ type: 'boolean', default: false })
  pii: boolean;

  /** SHA-256 of the key; the key itself is shown once and never stored. */
  @Index('uq_api_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The first characters of the key, so an admin can tell keys apart in a list. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  keyPrefix: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt: string | null;

  /** From then on the key is refused like a revoked one; null: it does not expire. */
  @Column({ name: 'expires_at', type: 'varchar', length: 32, nullable: true })
  expiresAt: string | null;
}
