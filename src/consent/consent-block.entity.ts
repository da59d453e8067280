import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ConsentSource = 'keyword' | 'reasonable_means' | 'provider_21610' | 'crm' | 'admin';

/** The current org-wide opt-out state of one phone number (the ledger says how it got there). */
@Entity('consent_blocks')
export class ConsentBlock {
  /** E.164 */
  @PrimaryColumn({ name: 'phone_number', type: 'varchar', length: 16 })
  phoneNumber!: string;

  @Column({ type: 'boolean' })
  blocked!: boolean;

  @Column({ type: 'varchar', length: 20 })
  source!: ConsentSource;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
