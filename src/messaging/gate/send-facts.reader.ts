import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { objectOfId, toId18 } from '../../common/salesforce-id';
import { ConsentService } from '../../consent/consent.service';
import { Prospect } from '../../crm/prospect.entity';
import { ProspectPhone } from '../../crm/prospect-phone.entity';
import { UnitOfWork } from '../../database/unit-of-work';
import { SenderNumber } from '../../numbers/sender-number.entity';
import { RecordRecipientsService } from '../records/record-recipients.service';
import type { NumberHolderFacts, RecipientFacts, RecordFacts, SenderFacts } from './send-context';

/** The consent state of the recipient's number and the CRM flags of everyone holding it. */
export interface LineFacts {
  optedOut: boolean;
  holders: NumberHolderFacts[];
}

/**
 * The gate's reads, on every send: the rep's numbers, the record's people and phones, the
 * recipient line's consent and holders.
 *
 * On SQLite these are three prepared statements on the better-sqlite3 handle (the rep's numbers;
 * a Contact or Lead with its phones in one join; consent + holders in one join), about a fifth of
 * the CPU of the same reads through TypeORM's query builder. On PostgreSQL, and for Accounts and
 * Tasks everywhere, the portable TypeORM reads (RecordRecipientsService, ConsentService) answer.
 * Both paths return the same facts (send-facts.reader.e2e-spec.ts compares them).
 */
@Injectable()
export class SendFactsReader {
  private prepared: { db: Database; statements: ReturnType<typeof prepare> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly records: RecordRecipientsService,
    private readonly consent: ConsentService,
  ) {}

  /** Every number the rep holds, oldest first. */
  async senderNumbers(userId: string): Promise<SenderFacts[]> {
    const s = this.statements();
    if (s) return (s.senderNumbers.all(userId) as SenderNumberRow[]).map(toSenderFacts);
    const rows = await this.dataSource.getRepository(SenderNumber).find({ where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, userId: n.userId, kind: n.kind, smsEnabled: n.smsEnabled }));
  }

  /** The record a rep texts from (null when unknown); Salesforce errors of a Task propagate. */
  async record(recordId: string): Promise<RecordFacts | null> {
    const s = this.statements();
    const id = s ? toId18(recordId.trim()) : null;
    const object = id ? objectOfId(id) : null;
    if (!s || !id || (object !== 'Contact' && object !== 'Lead')) return this.records.load(recordId);
    const rows = s.person.all(id) as PersonRow[];
    if (rows.length === 0) return null;
    const p = rows[0];
    const candidates: RecipientFacts[] = rows
      .filter((r) => r.e164 !== null)
      .map((r) => ({
        prospectId: p.id,
        name: p.name,
        objectType: p.object_type,
        phoneNumber: r.e164!,
        field: r.field!,
        enrolled: p.enrolled === 1,
        doNotCall: p.do_not_call === 1,
        doNotSms: p.do_not_sms === 1,
      }));
    return { id, type: p.object_type, name: p.name, candidates };
  }

  /** Whether `e164` is opted out org-wide, and the CRM flags of every mirrored person holding it. */
  async line(e164: string): Promise<LineFacts> {
    const s = this.statements();
    if (!s) {
      const [optedOut, holders] = await Promise.all([this.consent.isOptedOut(e164), this.holdersOf(e164)]);
      return { optedOut, holders };
    }
    const rows = s.line.all(e164) as LineRow[];
    const seen = new Set<string>();
    const holders: NumberHolderFacts[] = [];
    for (const r of rows) {
      if (r.id === null || seen.has(r.id)) continue;
      seen.add(r.id);
      holders.push({ prospectId: r.id, doNotCall: r.do_not_call === 1, doNotSms: r.do_not_sms === 1 });
    }
    return { optedOut: rows[0]?.blocked === 1, holders };
  }

  private async holdersOf(e164: string): Promise<NumberHolderFacts[]> {
    const rows = await this.dataSource
      .getRepository(Prospect)
      .createQueryBuilder('p')
      .innerJoin(ProspectPhone, 'pp', 'pp.prospect_id = p.id')
      .where('pp.e164 = :e164', { e164 })
      .select(['p.id', 'p.doNotCall', 'p.doNotSms'])
      .getMany();
    const seen = new Set<string>();
    return rows.filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => ({ prospectId: p.id, doNotCall: p.doNotCall, doNotSms: p.doNotSms }));
  }

  /** The prepared statements on SQLite (re-prepared if the handle changed); null on PostgreSQL. */
  private statements(): ReturnType<typeof prepare> | null {
    const db = this.uow.sqlite;
    if (!db) return null;
    if (this.prepared?.db !== db) this.prepared = { db, statements: prepare(db) };
    return this.prepared.statements;
  }
}

interface SenderNumberRow {
  id: string;
  phone_number: string;
  user_id: string;
  kind: SenderFacts['kind'];
  sms_enabled: number;
}
interface PersonRow {
  id: string;
  object_type: 'Contact' | 'Lead';
  name: string;
  enrolled: number;
  do_not_call: number;
  do_not_sms: number;
  field: string | null;
  e164: string | null;
}
interface LineRow {
  blocked: number | null;
  id: string | null;
  do_not_call: number | null;
  do_not_sms: number | null;
}

const toSenderFacts = (n: SenderNumberRow): SenderFacts => ({ id: n.id, phoneNumber: n.phone_number, userId: n.user_id, kind: n.kind, smsEnabled: n.sms_enabled === 1 });

function prepare(db: Database): Record<'senderNumbers' | 'person' | 'line', Statement<unknown[]>> {
  return {
    senderNumbers: db.prepare('SELECT id, phone_number, user_id, kind, sms_enabled FROM sender_numbers WHERE user_id = ? ORDER BY created_at ASC'),
    // the person and their indexed phones in the mapping's field order (RecordRecipientsService.person)
    person: db.prepare(
      'SELECT p.id, p.object_type, p.name, p.enrolled, p.do_not_call, p.do_not_sms, pp.field, pp.e164 ' +
        'FROM prospects p LEFT JOIN prospect_phones pp ON pp.prospect_id = p.id WHERE p.id = ? ORDER BY pp.position ASC',
    ),
    // one row per holder of the number (or one row of NULLs), each carrying the number's consent state
    line: db.prepare(
      'SELECT cb.blocked, p.id, p.do_not_call, p.do_not_sms FROM (SELECT ? AS e164) n ' +
        'LEFT JOIN consent_blocks cb ON cb.phone_number = n.e164 ' +
        'LEFT JOIN prospect_phones pp ON pp.e164 = n.e164 ' +
        'LEFT JOIN prospects p ON p.id = pp.prospect_id',
    ),
  };
}
