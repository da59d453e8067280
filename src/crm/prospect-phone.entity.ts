import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The phone index: one row per (prospect, mapped phone field) holding a valid E.164 number. */
@Entity('prospect_phones')
export class ProspectPhone {
  @PrimaryColumn({ name: 'prospect_id', type: 'varchar', length: 18 })
  prospectId!: string;

  /** the Salesforce field it came from, e.g. MobilePhone */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  field!: string;

  /** priority order of the field in the mapping, 0 first */
  @Column({ type: 'integer' })
  position!: number;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  e164!: string;
}
