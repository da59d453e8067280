import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A prospect whose CRM Do-Not-SMS flag the service set because the number opted out.
 * `setBefore` records that the flag was already set (by people) when the opt-out came: an opt-in
 * then leaves it alone, since only what the prospect did may be undone by the prospect.
 */
@Entity('consent_crm_flags')
export class ConsentCrmFlag {
  /** E.164 */
  @PrimaryColumn({ name: 'phone_number', type: 'varchar', length: 16 })
  phoneNumber!: string;

  @PrimaryColumn({ name: 'prospect_id', type: 'varchar', length: 18 })
  prospectId!: string;

  @Column({ name: 'set_before', type: 'boolean' })
  setBefore!: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
