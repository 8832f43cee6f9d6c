import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One golden record per real customer or product. `attributes` and `provenance` are JSON text, recomputed
 * from the linked source records; the filter columns copy a few normalised attributes so that
 * `customers(filter:)` / `products(filter:)` are index lookups on both SQLite and PostgreSQL.
 */
@Entity('golden_record')
@Index('ix_golden_page', ['entityType', 'status', 'id'])
@Index('ix_golden_email', ['entityType', 'email'])
@Index('ix_golden_family_name', ['entityType', 'familyName'])
@Index('ix_golden_city', ['entityType', 'city'])
@Index('ix_golden_country', ['entityType', 'country'])
@Index('ix_golden_gtin', ['entityType', 'gtin'])
@Index('ix_golden_brand', ['entityType', 'brand'])
@Index('ix_golden_category', ['entityType', 'category'])
export class GoldenRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: string;

  @Column({ type: 'text' })
  attributes: string;

  @Column({ type: 'text' })
  provenance: string;

  @Column({ type: 'integer' })
  version: number;

  /** active | merged | deleted */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'merged_into', type: 'varchar', length: 36, nullable: true })
  mergedInto: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ name: 'family_name', type: 'varchar', length: 200, nullable: true })
  familyName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 14, nullable: true })
  gtin: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  brand: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  category: string | null;
}
