import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PeopleObject = 'Contact' | 'Lead';

/** The local mirror of one Salesforce Contact or Lead: what the send gate decides on. */
@Entity('prospects')
export class Prospect {
  /** 18-character Salesforce id */
  @PrimaryColumn({ type: 'varchar', length: 18 })
  id!: string;

  @Column({ name: 'object_type', type: 'varchar', length: 40 })
  objectType!: PeopleObject;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Index()
  @Column({ name: 'account_id', type: 'varchar', length: 18, nullable: true })
  accountId!: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 18, nullable: true })
  ownerId!: string | null;

  @Column({ name: 'do_not_call', type: 'boolean', default: false })
  doNotCall!: boolean;

  @Column({ name: 'do_not_sms', type: 'boolean', default: false })
  doNotSms!: boolean;

  @Column({ type: 'boolean', default: false })
  enrolled!: boolean;

  /** Salesforce SystemModstamp, ISO-8601 UTC */
  @Column({ name: 'system_modstamp', type: 'varchar', length: 30 })
  systemModstamp!: string;

  @Column({ name: 'synced_at', type: 'varchar', length: 30 })
  syncedAt!: string;
}
