import { newMessage } from './new-message';
import { Inject, Injectable } from '@nestjs/common';
import { normalizePhone } from '../common/phone-number';
import { uuid7 } from '../common/uuid7';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ConsentService } from '../consent/consent.service';
import { classifyInbound, InboundClassification } from '../consent/keywords';
import { nowIso } from '../database/columns';
import { isTransientConflict } from '../database/transient-conflict';
import { isUniqueViolation } from '../database/unique-violation';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import type { NotificationView } from '../notifications/notification.view';
import { OutboxStore } from '../outbox/outbox.store';
import { Conversation, conversationKey, ConversationMatcher } from './conversation-matcher';
import { KeywordOutcome, KeywordReplies, keywordReplies, replyFor } from './keyword-replies';
import { Message } from './message.entity';
import { MessagesStore } from './messages.store';
import { countSegments, MAX_CONCATENATED_SEGMENTS } from './segments';
import { KeywordReplySender } from './replies/keyword-reply-sender.service';

/** The fields of Twilio's inbound webhook this service reads. */
export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  /** Twilio's NumSegments, when given */
  numSegments?: number | null;
}

export type InboundResult =
  | { duplicate: true; messageSid: string }
  | {
      duplicate: false;
      message: Message;
      classification: InboundClassification;
      outcome: KeywordOutcome;
      notification: NotificationView | null;
      reply: Message | null;
    };

interface Pending {
  sms: InboundSms;
  classification: InboundClassification;
  resolve: (result: InboundResult) => void;
  reject: (error: unknown) => void;
}

/** The most plain replies written in one transaction (19 columns a message stays far below bind limits). */
export const MAX_BATCH = 200;

/**
 * Inbound SMS (CONTRACT §2 Webhooks): stores a reply once per MessageSid, files it in the thread of
 * the prospects holding the number, applies opt-out/opt-in keywords to the org-wide consent state,
 * notifies the owner of the number texted and queues the CRM Task — all in one unit of work, so
 * either all of it happened or none did and a replay finds nothing left to do.
 *
 * Plain replies (no keyword: nearly all traffic) are group-committed: those that arrive while
 * batches are being written are written together by the next one, a handful of statements for the
 * whole batch; the webhook is answered only after its batch committed. Keyword messages go one by
 * one, since each changes consent state the next may read.
 *
 * Keyword replies (opt-out confirmation, HELP) are sent through the SmsProvider port after the
 * commit, not as TwiML `<Message>`: the reply is then a stored outbound message in the thread,
 * logged to the CRM like any other, with its delivery status tracked by the status webhook. It is
 * stored (queued, `replyToId` naming the message it answers) in the same unit of work as the
 * inbound message, so a replayed webhook, which stores nothing, can never send a second
 * confirmation; KeywordReplySender claims it before the provider call, and KeywordReplySweep sends
 * it later if this process dies first or the provider is unavailable (messaging/replies/).
 * Replies bypass the send gate on purpose: the opt-out confirmation is the one text the law allows
 * to a number that has just opted out.
 */
@Injectable()
export class InboundService {
  private readonly replies: KeywordReplies;
  private readonly queue: Pending[] = [];
  private scheduled = false;
  private flushing = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly matcher: ConversationMatcher,
    private readonly consent: ConsentService,
    private readonly outboxStore: OutboxStore,
    private readonly messages: MessagesStore,
    private readonly notifications: NotificationsService,
    private readonly replySender: KeywordReplySender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.replies = keywordReplies(config.keywordReplies);
  }

  receive(raw: InboundSms): Promise<InboundResult> {
    const sms = { ...raw, from: asPhone(raw.from), to: asPhone(raw.to) };
    const classification = classifyInbound(sms.body);
    if (classification.kind !== 'none') return this.receiveOne(sms, classification);
    return new Promise((resolve, reject) => {
      this.queue.push({ sms, classification, resolve, reject });
      if (this.scheduled || this.flushing) return;
      this.scheduled = true;
      // Yield to the event loop first: the webhooks whose bytes are already in (the same poll
      // phase) join this batch. better-sqlite3 is synchronous, so without the yield each request
      // would run to its commit before the next one is even parsed, one transaction each.
      setImmediate(() => this.startFlush());
    });
  }

  // ---- one message (keywords, and the fallback of a batch) ------------------------------------

  private async receiveOne(sms: InboundSms, classification: InboundClassification): Promise<InboundResult> {
    // two deliveries of one MessageSid racing on PostgreSQL: the unique index turns the second away
    // (the unit of work runs a deadlock's victim again itself)
    const result = await this.uow.unit((tx) => this.recordOne(tx, sms, classification)).catch((error: unknown) => {
      if (isUniqueViolation(error)) return { duplicate: true as const, messageSid: sms.messageSid };
      throw error;
    });
    if (result.duplicate) return result;
    this.publish(result);
    if (result.reply) result.reply = await this.sendReply(result.reply);
    return result;
  }

  private async recordOne(tx: Tx, sms: InboundSms, classification: InboundClassification): Promise<InboundResult> {
    if ((await this.messages.storedSids(tx, [sms.messageSid])).size > 0) return { duplicate: true, messageSid: sms.messageSid };
    const conversation = (await this.matcher.matchMany(tx, [sms])).get(conversationKey(sms.from, sms.to))!;
    const message = inboundMessage(sms, classification, conversation, nowIso());
    await this.messages.insert(tx, [message]);

    const outcome = await this.applyKeyword(tx, classification, message);
    // Every message becomes a Task; one from a number no prospect holds is logged without a WhoId
    // (owned by the number's owner), as reconcile would do anyway.
    await this.outboxStore.enqueue(tx, [{ kind: 'task_upsert', aggregateId: message.id }], message.createdAt);
    const [notification = null] = await this.notifications.createForReplies(tx, notificationsFor([{ message, conversation }]));

    const replyText = replyFor(outcome, this.config.optOutConfirmation, this.replies);
    const reply = replyText ? replyTo(message, replyText) : null;
    if (reply) await this.messages.insert(tx, [reply]);
    return { duplicate: false, message, classification, outcome, notification, reply };
  }

  private async applyKeyword(tx: Tx, classification: InboundClassification, message: Message): Promise<KeywordOutcome> {
    switch (classification.kind) {
      case 'opt_out': {
        const source = classification.match === 'reasonable_means' ? 'reasonable_means' : 'keyword';
        const note = classification.keyword ?? (classification.rule ? `reasonable means: ${classification.rule}` : null);
        const { effect } = await this.consent.optOut(tx, {
          phoneNumber: message.fromNumber,
          source,
          messageId: message.id,
          needsReview: classification.needsReview,
          note,
        });
        return { kind: 'opt_out', effect };
      }
      case 'opt_in': {
        const { effect } = await this.consent.optIn(tx, { phoneNumber: message.fromNumber, messageId: message.id });
        return { kind: 'opt_in', effect };
      }
      case 'help':
        return { kind: 'help' };
      case 'none':
        return { kind: 'none' };
    }
  }

  // ---- plain replies, group-committed --------------------------------------------------------

  /**
   * Writes the waiting replies as one batch unless one is being written; those arriving meanwhile
   * form the next, larger batch, and a larger batch costs fewer statements and pages a reply. One
   * at a time on PostgreSQL too: alternating bench runs gave 1,873–2,251 webhooks/s with two
   * batches at once against 1,326–1,855 with three (4 of 4 pairs), and one against two won 3 of
   * 4 pairs (service CPU 0.28–0.37 against 0.33–0.44 ms a webhook). Other instances still write
   * side by side.
   */
  private startFlush(): void {
    this.scheduled = false;
    if (this.queue.length === 0 || this.flushing) return;
    this.flushing = true;
    void this.flush(this.queue.splice(0, MAX_BATCH)).finally(() => {
      this.flushing = false;
      // the replies that arrived meanwhile form the next batch
      this.startFlush();
    });
  }

  private async flush(batch: Pending[]): Promise<void> {
    let results: InboundResult[];
    try {
      results = await this.uow.unit((tx) => this.recordBatch(tx, batch));
    } catch (error) {
      if (!isUniqueViolation(error) && !isTransientConflict(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      // Another writer stored one of these sids meanwhile, or was storing one (PostgreSQL: a unique
      // violation, or deadlocks over the sids both took that the unit of work's own retries did
      // not get past): settle them one by one.
      await Promise.all(batch.map((item) => this.receiveOne(item.sms, item.classification).then(item.resolve, item.reject)));
      return;
    }
    batch.forEach((item, i) => {
      this.publish(results[i]);
      item.resolve(results[i]);
    });
  }

  private async recordBatch(tx: Tx, batch: Pending[]): Promise<InboundResult[]> {
    // asked for together (PostgreSQL: one round trip); a replay's conversation, matched for
    // nothing, is rare
    const [seen, conversations] = await Promise.all([
      this.messages.storedSids(tx, batch.map((item) => item.sms.messageSid)),
      this.matcher.matchMany(tx, batch.map((item) => item.sms)),
    ]);
    const fresh: Pending[] = [];
    for (const item of batch) {
      if (seen.has(item.sms.messageSid)) continue;
      seen.add(item.sms.messageSid);
      fresh.push(item);
    }
    const now = nowIso();
    const written = new Map<Pending, { message: Message; conversation: Conversation }>();
    for (const item of fresh) {
      const conversation = conversations.get(conversationKey(item.sms.from, item.sms.to))!;
      written.set(item, { message: inboundMessage(item.sms, item.classification, conversation, now), conversation });
    }
    const entries = [...written.values()];
    const notified = entries.filter((e) => e.message.userId);
    // The writes are independent: asked for together. On PostgreSQL a refused one (a sid another
    // writer stored meanwhile) fails the ones behind it too, and the batch rejects with its error.
    const [, views] = await Promise.all([
      this.insertReplies(tx, entries.map((e) => e.message), now),
      this.notifications.createForReplies(tx, notificationsFor(notified)),
    ]);
    const viewByMessage = new Map(notified.map((e, i) => [e.message.id, views[i]]));

    return batch.map((item): InboundResult => {
      const entry = written.get(item);
      if (!entry) return { duplicate: true, messageSid: item.sms.messageSid };
      return {
        duplicate: false,
        message: entry.message,
        classification: item.classification,
        outcome: { kind: 'none' },
        notification: viewByMessage.get(entry.message.id) ?? null,
        reply: null,
      };
    });
  }

  /** The replies and their CRM outbox entries (every message is logged): one multi-row statement per table. */
  private async insertReplies(tx: Tx, messages: Message[], now: string): Promise<void> {
    // rows in MessageSid order: two batches holding the same sids (a delivery and its retry) then
    // take their unique-index entries in the same order, so one waits for the other instead of both
    // waiting on each other (a deadlock)
    await Promise.all([
      this.messages.insert(tx, [...messages].sort((a, b) => bySid(a.providerSid, b.providerSid))),
      this.outboxStore.enqueue(tx, messages.map((m) => ({ kind: 'task_upsert' as const, aggregateId: m.id })), now),
    ]);
  }

  // ---- after the commit ----------------------------------------------------------------------

  private publish(result: InboundResult): void {
    if (!result.duplicate && result.notification && result.message.userId) this.notifications.publish(result.message.userId, result.notification);
  }

  /** Claims and sends the reply (KeywordReplySender); what was stored of it afterwards. */
  private async sendReply(reply: Message): Promise<Message> {
    const outcome = await this.replySender.send(reply);
    if (!outcome) return reply;
    const { retrying: _retrying, ...stored } = outcome;
    return { ...reply, ...stored };
  }
}

function inboundMessage(sms: InboundSms, classification: InboundClassification, c: Conversation, now: string): Message {
  const counted = countSegments(sms.body, MAX_CONCATENATED_SEGMENTS);
  return newMessage(
    {
      id: uuid7(),
      direction: 'inbound',
      fromNumber: sms.from,
      toNumber: sms.to,
      body: sms.body,
      encoding: counted.encoding,
      segments: sms.numSegments && sms.numSegments > 0 ? sms.numSegments : Math.max(counted.segments, 1),
      status: 'received',
      providerSid: sms.messageSid,
      prospectId: c.prospect?.id ?? null,
      recordId: c.recordId,
      userId: c.owner?.id ?? null,
      senderNumberId: c.senderNumber?.id ?? null,
      needsReview: classification.needsReview,
    },
    now,
  );
}

function notificationsFor(entries: { message: Message; conversation: Conversation }[]) {
  return entries
    .filter((e) => e.message.userId)
    .map(({ message, conversation }) => ({
      userId: message.userId!,
      messageId: message.id,
      recordId: message.recordId,
      prospectName: conversation.prospect?.name ?? null,
      body: message.body,
      createdAt: message.createdAt,
    }));
}

function replyTo(inbound: Message, body: string): Message {
  const counted = countSegments(body, MAX_CONCATENATED_SEGMENTS);
  // just after the message it answers, so the thread reads in order
  const at = new Date(Date.parse(inbound.createdAt) + 1).toISOString();
  return newMessage(
    {
      id: uuid7(),
      direction: 'outbound',
      fromNumber: inbound.toNumber,
      toNumber: inbound.fromNumber,
      body,
      encoding: counted.encoding,
      segments: counted.segments,
      status: 'queued',
      prospectId: inbound.prospectId,
      recordId: inbound.recordId,
      userId: inbound.userId,
      senderNumberId: inbound.senderNumberId,
      replyToId: inbound.id,
    },
    at,
  );
}

function bySid(a: string | null, b: string | null): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

/** Twilio sends E.164; anything else (a short code, an odd format) is normalised when it can be, kept as sent otherwise. */
function asPhone(raw: string): string {
  const trimmed = raw.trim();
  if (/^\+[1-9]\d{7,14}$/.test(trimmed)) return trimmed;
  return normalizePhone(trimmed)?.e164 ?? trimmed.slice(0, 16);
}
