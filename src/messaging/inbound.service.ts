import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { User } from '../auth/user.entity';
import { normalizePhone } from '../common/phone-number';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ConsentService } from '../consent/consent.service';
import { classifyInbound, InboundClassification } from '../consent/keywords';
import { Prospect } from '../crm/prospect.entity';
import { ProspectPhone } from '../crm/prospect-phone.entity';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import type { NotificationView } from '../notifications/notification.view';
import { SenderNumber } from '../numbers/sender-number.entity';
import { OutboxService } from '../sync/outbox.service';
import { fileUnder, FiledUnder } from './conversation-match';
import { KeywordOutcome, KeywordReplies, keywordReplies, replyFor } from './keyword-replies';
import { Message } from './message.entity';
import { countSegments, MAX_CONCATENATED_SEGMENTS } from './segments';
import { SmsProvider, SmsProviderError } from './sms-provider.port';

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

/** Who the reply came to and who it came from, read before the unit of work (reads only). */
interface Conversation extends FiledUnder {
  from: string;
  to: string;
  senderNumber: SenderNumber | null;
  owner: User | null;
}

/**
 * Inbound SMS (CONTRACT §2 Webhooks): stores a reply once per MessageSid, files it in the thread of
 * the prospects holding the number, applies opt-out/opt-in keywords to the org-wide consent state,
 * notifies the owner of the number texted and queues the CRM Task — all in one unit of work, so
 * either all of it happened or none did and a replay finds nothing left to do.
 *
 * Keyword replies (opt-out confirmation, HELP) are sent through the SmsProvider port after the
 * commit, not as TwiML `<Message>`: the reply is then a stored outbound message in the thread,
 * logged to the CRM like any other, with its delivery status tracked by the status webhook. It is
 * stored (queued) in the same unit of work as the inbound message, so a replayed webhook, which
 * stores nothing, can never send a second confirmation. Replies bypass the send gate on purpose:
 * the opt-out confirmation is the one text the law allows to a number that has just opted out.
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);
  private readonly replies: KeywordReplies;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly consent: ConsentService,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly sms: SmsProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.replies = keywordReplies(config.keywordReplies);
  }

  async receive(sms: InboundSms): Promise<InboundResult> {
    const classification = classifyInbound(sms.body);
    const conversation = await this.match(asPhone(sms.from), asPhone(sms.to));
    let result: InboundResult;
    try {
      result = await this.uow.run((manager) => this.record(manager, sms, classification, conversation));
    } catch (error) {
      // Two deliveries of one MessageSid racing on PostgreSQL: the unique index turns the second away.
      if (isUniqueViolation(error) && (await this.isStored(sms.messageSid))) return { duplicate: true, messageSid: sms.messageSid };
      throw error;
    }
    if (result.duplicate) return result;
    if (result.notification && result.message.userId) this.notifications.publish(result.message.userId, result.notification);
    if (result.reply) result.reply = await this.sendReply(result.reply);
    return result;
  }

  private async record(manager: EntityManager, sms: InboundSms, classification: InboundClassification, c: Conversation): Promise<InboundResult> {
    if (await manager.getRepository(Message).existsBy({ providerSid: sms.messageSid })) return { duplicate: true, messageSid: sms.messageSid };
    const now = nowIso();
    const counted = countSegments(sms.body, MAX_CONCATENATED_SEGMENTS);
    const message: Message = {
      id: randomUUID(),
      direction: 'inbound',
      fromNumber: c.from,
      toNumber: c.to,
      body: sms.body,
      encoding: counted.encoding,
      segments: sms.numSegments && sms.numSegments > 0 ? sms.numSegments : Math.max(counted.segments, 1),
      status: 'received',
      errorCode: null,
      providerSid: sms.messageSid,
      prospectId: c.prospect?.id ?? null,
      recordId: c.recordId,
      userId: c.owner?.id ?? null,
      senderNumberId: c.senderNumber?.id ?? null,
      idempotencyKey: null,
      needsReview: classification.needsReview,
      createdAt: now,
      updatedAt: now,
      crmActivityId: null,
    };
    await manager.getRepository(Message).insert(message);

    const outcome = await this.applyKeyword(manager, classification, message);
    // A reply from a number no prospect holds has no record to log it on; it stays in the service.
    if (message.prospectId) await this.outbox.enqueue(manager, 'task_upsert', message.id);
    const notification = message.userId
      ? await this.notifications.createForReply(manager, {
          userId: message.userId,
          messageId: message.id,
          recordId: message.recordId,
          prospectName: c.prospect?.name ?? null,
          body: message.body,
          createdAt: now,
        })
      : null;

    const replyText = replyFor(outcome, this.config.optOutConfirmation, this.replies);
    const reply = replyText ? this.replyTo(message, replyText) : null;
    if (reply) await manager.getRepository(Message).insert(reply);
    return { duplicate: false, message, classification, outcome, notification, reply };
  }

  private async applyKeyword(manager: EntityManager, classification: InboundClassification, message: Message): Promise<KeywordOutcome> {
    switch (classification.kind) {
      case 'opt_out': {
        const source = classification.match === 'reasonable_means' ? 'reasonable_means' : 'keyword';
        const note = classification.keyword ?? (classification.rule ? `reasonable means: ${classification.rule}` : null);
        const { effect } = await this.consent.optOut(manager, {
          phoneNumber: message.fromNumber,
          source,
          messageId: message.id,
          needsReview: classification.needsReview,
          note,
        });
        return { kind: 'opt_out', effect };
      }
      case 'opt_in': {
        const { effect } = await this.consent.optIn(manager, { phoneNumber: message.fromNumber, messageId: message.id });
        return { kind: 'opt_in', effect };
      }
      case 'help':
        return { kind: 'help' };
      case 'none':
        return { kind: 'none' };
    }
  }

  private replyTo(inbound: Message, body: string): Message {
    const counted = countSegments(body, MAX_CONCATENATED_SEGMENTS);
    return {
      ...inbound,
      id: randomUUID(),
      direction: 'outbound',
      fromNumber: inbound.toNumber,
      toNumber: inbound.fromNumber,
      body,
      encoding: counted.encoding,
      segments: counted.segments,
      status: 'queued',
      providerSid: null,
      needsReview: false,
      // after the message it answers, so the thread reads in order
      createdAt: new Date(Date.parse(inbound.createdAt) + 1).toISOString(),
      updatedAt: new Date(Date.parse(inbound.createdAt) + 1).toISOString(),
    };
  }

  /** After the commit: the provider call, then its result and the CRM Task in one unit of work. */
  private async sendReply(reply: Message): Promise<Message> {
    let update: Pick<Message, 'providerSid' | 'status' | 'errorCode'>;
    try {
      const sent = await this.sms.send({
        to: reply.toNumber,
        from: reply.fromNumber,
        body: reply.body,
        statusCallbackUrl: `${this.config.publicBaseUrl}/webhooks/twilio/status`,
      });
      update = { providerSid: sent.providerMessageId, status: sent.status, errorCode: null };
    } catch (error) {
      const code = error instanceof SmsProviderError ? (error.providerCode ?? error.kind) : 'UNKNOWN';
      this.logger.warn(`The keyword reply ${reply.id} was not sent: ${error instanceof Error ? error.message : String(error)}`);
      update = { providerSid: null, status: 'failed', errorCode: code.slice(0, 12) };
    }
    const updated: Message = { ...reply, ...update, updatedAt: nowIso() };
    await this.uow.run(async (manager) => {
      await manager.getRepository(Message).update({ id: reply.id }, { ...update, updatedAt: updated.updatedAt });
      if (updated.prospectId && updated.status !== 'failed') await this.outbox.enqueue(manager, 'task_upsert', updated.id);
    });
    return updated;
  }

  private async match(from: string, to: string): Promise<Conversation> {
    const manager = this.dataSource.manager;
    const senderNumber = await manager.getRepository(SenderNumber).findOneBy({ phoneNumber: to });
    const owner = senderNumber ? await manager.getRepository(User).findOneBy({ id: senderNumber.userId }) : null;
    const phones = await manager.getRepository(ProspectPhone).findBy({ e164: from });
    const ids = [...new Set(phones.map((p) => p.prospectId))];
    const prospects = ids.length > 0 ? await manager.getRepository(Prospect).findBy({ id: In(ids) }) : [];
    const last =
      prospects.length > 0
        ? await manager.getRepository(Message).findOne({
            select: { prospectId: true, recordId: true },
            where: { fromNumber: to, toNumber: from, direction: 'outbound' },
            order: { createdAt: 'DESC' },
          })
        : null;
    return { from, to, senderNumber, owner, ...fileUnder(prospects, last, owner?.salesforceUserId ?? null) };
  }

  private isStored(messageSid: string): Promise<boolean> {
    return this.dataSource.getRepository(Message).existsBy({ providerSid: messageSid });
  }
}

/** Twilio sends E.164; anything else (a short code, an odd format) is normalised when it can be, kept as sent otherwise. */
function asPhone(raw: string): string {
  const trimmed = raw.trim();
  if (/^\+[1-9]\d{7,14}$/.test(trimmed)) return trimmed;
  return normalizePhone(trimmed)?.e164 ?? trimmed.slice(0, 16);
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(error.message);
}
