import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The mapping saved through PUT /api/admin/crm-mapping; it overrides the file while present. */
@Entity('crm_mapping')
export class CrmMappingRecord {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  id!: string;

  /** the mapping as JSON */
  @Column({ type: 'text' })
  document!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 36, nullable: true })
  updatedBy!: string | null;
}
