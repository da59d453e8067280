import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ConsentSource } from './consent-block.entity';

/** The consent ledger: every block and unblock, with its source and the message behind it. */
@Entity('consent_events')
export class ConsentEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'phone_number', type: 'varchar', length: 16 })
  phoneNumber!: string;

  @Column({ type: 'varchar', length: 10 })
  action!: 'block' | 'unblock';

  @Column({ type: 'varchar', length: 20 })
  source!: ConsentSource;

  @Column({ name: 'message_id', type: 'varchar', length: 36, nullable: true })
  messageId!: string | null;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'needs_review', type: 'boolean', default: false })
  needsReview!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
