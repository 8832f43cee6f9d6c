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

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
