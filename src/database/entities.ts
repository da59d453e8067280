import { Account } from '../crm/account.entity';
import { CrmMappingRecord } from '../crm/crm-mapping-record.entity';
import { Prospect } from '../crm/prospect.entity';
import { ProspectPhone } from '../crm/prospect-phone.entity';
import { ConsentBlock } from '../consent/consent-block.entity';
import { ConsentCrmFlag } from '../consent/consent-crm-flag.entity';
import { ConsentEvent } from '../consent/consent-event.entity';
import { Message } from '../messaging/message.entity';
import { SendRefusal } from '../messaging/send-refusal.entity';
import { Notification } from '../notifications/notification.entity';
import { SenderNumber } from '../numbers/sender-number.entity';
import { SmsRequest } from '../numbers/sms-request.entity';
import { OutboxEntry } from '../sync/outbox-entry.entity';
import { SyncRun } from '../sync/sync-run.entity';
import { SyncWatermark } from '../sync/sync-watermark.entity';
import { User } from '../auth/user.entity';

export const ENTITIES = [
  User,
  SenderNumber,
  SmsRequest,
  Prospect,
  ProspectPhone,
  Account,
  CrmMappingRecord,
  Message,
  SendRefusal,
  ConsentBlock,
  ConsentEvent,
  ConsentCrmFlag,
  Notification,
  OutboxEntry,
  SyncRun,
  SyncWatermark,
];
