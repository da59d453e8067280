import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('notifications')
@Index('ix_notifications_user_created', ['userId', 'createdAt', 'id'])
@Index('ix_notifications_user_unread', ['userId', 'createdAt', 'id'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: 'sms_reply';

  @Column({ name: 'message_id', type: 'varchar', length: 36 })
  messageId!: string;

  @Column({ name: 'record_id', type: 'varchar', length: 18, nullable: true })
  recordId!: string | null;

  @Column({ name: 'prospect_name', type: 'varchar', length: 255, nullable: true })
  prospectName!: string | null;

  @Column({ type: 'varchar', length: 200 })
  preview!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'read_at', type: 'varchar', length: 30, nullable: true })
  readAt!: string | null;
}
