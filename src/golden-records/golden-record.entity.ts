import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One golden record per real customer or product. `attributes` and `provenance` are JSON text, recomputed
 * from the linked source records; the filter columns copy a few normalised attributes so that
 * `customers(filter:)` / `products(filter:)` are index lookups on both SQLite and PostgreSQL. The filter
 * indexes are partial (non-null values only): a customer has no GTIN, a product no email, and neither
 * pays for maintaining an index entry it can never be found by.
 */
@Entity('golden_record')
@Index('ix_golden_page', ['entityType', 'status', 'id'])
@Index('ix_golden_email', ['entityType', 'email'], { where: 'email IS NOT NULL' })
@Index('ix_golden_family_name', ['entityType', 'familyName'], { where: 'family_name IS NOT NULL' })
@Index('ix_golden_city', ['entityType', 'city'], { where: 'city IS NOT NULL' })
@Index('ix_golden_country', ['entityType', 'country'], { where: 'country IS NOT NULL' })
@Index('ix_golden_gtin', ['entityType', 'gtin'], { where: 'gtin IS NOT NULL' })
@Index('ix_golden_brand', ['entityType', 'brand'], { where: 'brand IS NOT NULL' })
@Index('ix_golden_category', ['entityType', 'category'], { where: 'category IS NOT NULL' })
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

  /** JSON attribute → Pin: values a steward fixed (null when there are none). */
  @Column({ type: 'text', nullable: true })
  pins: string | null;

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
