import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';
export type Encoding = 'GSM-7' | 'UCS-2';

/** One SMS, either direction. Becomes exactly one Salesforce Task (crmActivityId once logged). */
@Entity('messages')
// unique keys over the rows that have one (migration 1765200000000-partial-message-keys)
@Index('uq_messages_user_idempotency', ['userId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
@Index('uq_messages_provider_sid', ['providerSid'], { unique: true, where: '"provider_sid" IS NOT NULL' })
// the hot paths' indexes (migrations 1764850000000-bounded-hot-paths, 1765000000000-directional-message-indexes):
// thread legs (what a number sent us, what we sent to it, what is filed under a prospect) and the pair's last send
@Index('ix_messages_inbound_from', ['fromNumber', 'createdAt', 'id'], { where: `"direction" = 'inbound'` })
@Index('ix_messages_outbound_to', ['toNumber', 'createdAt', 'id'], { where: `"direction" = 'outbound'` })
@Index('ix_messages_prospect_created', ['prospectId', 'createdAt', 'id'])
@Index('ix_messages_outbound_pair', ['toNumber', 'fromNumber', 'createdAt', 'id'], { where: `"direction" = 'outbound'` })
// migration 1764960000000-delivery-check: the delivery-reconcile job's due messages
@Index('ix_messages_delivery_check', ['deliveryCheckAt', 'id'], { where: '"delivery_check_at" IS NOT NULL' })
export class Message {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  direction!: MessageDirection;

  /** E.164 */
  @Column({ name: 'from_number', type: 'varchar', length: 16 })
  fromNumber!: string;

  /** E.164 */
  @Column({ name: 'to_number', type: 'varchar', length: 16 })
  toNumber!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 8 })
  encoding!: Encoding;

  @Column({ type: 'integer' })
  segments!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: MessageStatus;

  @Column({ name: 'error_code', type: 'varchar', length: 12, nullable: true })
  errorCode!: string | null;

  /** Twilio MessageSid; unique so a replayed webhook cannot store a message twice */
  @Column({ name: 'provider_sid', type: 'varchar', length: 64, nullable: true })
  providerSid!: string | null;

  @Column({ name: 'prospect_id', type: 'varchar', length: 18, nullable: true })
  prospectId!: string | null;

  /** the record the rep texted from (Contact, Lead, Account or Task id, 18 chars) */
  @Column({ name: 'record_id', type: 'varchar', length: 18, nullable: true })
  recordId!: string | null;

  /** the rep who sent it, or for an inbound reply the owner of the number it came to */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ name: 'sender_number_id', type: 'varchar', length: 36, nullable: true })
  senderNumberId!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** an inbound message a person should look at (e.g. a plain-language opt-out) */
  @Column({ name: 'needs_review', type: 'boolean', default: false })
  needsReview!: boolean;

  @Index()
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  /**
   * The inbound message this one answers: set only on the keyword replies the service sends by
   * itself (opt-out confirmation, START, HELP), never on a rep's send.
   */
  @Column({ name: 'reply_to_id', type: 'varchar', length: 36, nullable: true })
  replyToId!: string | null;

  /** provider calls begun for this message by the keyword-reply sender (see messaging/replies/) */
  @Column({ name: 'send_attempts', type: 'integer', default: 0 })
  sendAttempts!: number;

  /** when a process claimed this reply to call the provider; null while nobody holds it */
  @Column({ name: 'send_claimed_at', type: 'varchar', length: 30, nullable: true })
  sendClaimedAt!: string | null;

  /**
   * When the `delivery-reconcile` job should ask the provider about this outbound message: its send
   * outcome is unknown (no sid after the attempt) or its status is not final. Null: nothing to ask.
   */
  @Column({ name: 'delivery_check_at', type: 'varchar', length: 30, nullable: true })
  deliveryCheckAt!: string | null;

  /** the Salesforce Task id, null until logged */
  @Column({ name: 'crm_activity_id', type: 'varchar', length: 18, nullable: true })
  crmActivityId!: string | null;
}
