import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The audit log of refused sends: who tried, from which record and number, and which rule said no. */
@Entity('send_refusals')
export class SendRefusal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'record_id', type: 'varchar', length: 18, nullable: true })
  recordId!: string | null;

  @Column({ name: 'from_number', type: 'varchar', length: 32, nullable: true })
  fromNumber!: string | null;

  @Column({ name: 'to_number', type: 'varchar', length: 32, nullable: true })
  toNumber!: string | null;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
