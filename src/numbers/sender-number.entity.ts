import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type NumberKind = 'direct' | 'local_presence';

/** A Direct Inbound Number (or LocalPresence number) held by one rep. */
@Entity('sender_numbers')
export class SenderNumber {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** E.164 */
  @Column({ name: 'phone_number', type: 'varchar', length: 16, unique: true })
  phoneNumber!: string;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: NumberKind;

  @Column({ name: 'sms_enabled', type: 'boolean' })
  smsEnabled!: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
