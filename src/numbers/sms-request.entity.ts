import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SmsRequestStatus = 'pending' | 'approved' | 'rejected';

/** A rep's request to have SMS enabled on one of their numbers, decided by an admin. */
@Entity('sms_requests')
export class SmsRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'number_id', type: 'varchar', length: 36 })
  numberId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SmsRequestStatus;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
