import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('source_system')
export class SourceSystemEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** JSON `SourceTrust`: a default rank and per-attribute ranks used by survivorship. */
  @Column({ type: 'text' })
  trust: string;

  /** The source holds each real entity at most once (a product catalogue): two of its records never merge. */
  @Column({ name: 'unique_records', type: 'boolean', default: false })
  uniqueRecords: boolean;

  /** ISO 3166-1 alpha-2: the country a record of this source is in when it names none (a national phone number). */
  @Column({ name: 'default_country', type: 'varchar', length: 2, nullable: true })
  defaultCountry: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
