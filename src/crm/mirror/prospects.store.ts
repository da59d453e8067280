import { Injectable } from '@nestjs/common';
import { TickBatch } from '../../common/tick-batch';
import { bool, chunksOf, placeholders, rowsByKey, Sql, SqlValue, valuesList } from '../../database/sql';
// loaded for their @Entity: they register prospects and prospect_phones with the DataSource (entity-registry.ts)
import '../prospect.entity';
import '../prospect-phone.entity';
import type { PeopleObject, Prospect } from '../prospect.entity';
import type { ProspectRow } from './mirror-rows';
import { lastPerId, upsertText } from './upsert';

const PROSPECT_COLUMNS = ['id', 'object_type', 'name', 'account_id', 'owner_id', 'do_not_call', 'do_not_sms', 'enrolled', 'system_modstamp', 'synced_at'];
const PHONE_COLUMNS = ['prospect_id', 'field', 'position', 'e164'];

/** A mirrored Contact or Lead with its indexed phones in the mapping's field order. */
export interface PersonRow {
  id: string;
  objectType: PeopleObject;
  name: string;
  accountId: string | null;
  enrolled: boolean;
  doNotCall: boolean;
  doNotSms: boolean;
  phones: { field: string; e164: string }[];
  /** everyone holding each of those phones (the person included), by number */
  holders: Map<string, HolderRow[]>;
}

/** A mirrored person holding a number, with their CRM flags. */
export interface HolderRow {
  prospectId: string;
  doNotCall: boolean;
  doNotSms: boolean;
}

/** A mirrored person holding a number, as the consent ledger shows them. */
export interface HolderDetails extends HolderRow {
  name: string;
  objectType: PeopleObject;
}

/** Who a mirrored person is: what a Task names them by. */
export interface ProspectSummary {
  id: string;
  objectType: PeopleObject;
  name: string;
  accountId: string | null;
}

/** A mirrored Contact or Lead with every column the directory shows, and its phones by position. */
export interface ProspectWithPhones {
  id: string;
  objectType: PeopleObject;
  name: string;
  accountId: string | null;
  ownerId: string | null;
  doNotCall: boolean;
  doNotSms: boolean;
  enrolled: boolean;
  systemModstamp: string;
  phones: { field: string; e164: string }[];
}

/** A person found by the console's search: who, and the numbers they can be texted at. */
export interface PersonMatch {
  id: string;
  type: PeopleObject;
  name: string;
  phoneNumbers: string[];
}

/**
 * The `prospects` and `prospect_phones` tables: the hot reads (the send gate's, on every send) and
 * the mirror's writes, in plain SQL, one text for both engines. Writes take the caller's unit of
 * work (`tx`), so a page commits with its watermark.
 */
@Injectable()
export class ProspectsStore {
  constructor(private readonly sql: Sql) {}

  /**
   * A person (18-character id), their phones and everyone holding each of them, in one statement
   * (the gate needs the holders of the phone it picks); null when not mirrored.
   */
  person(id: string): Promise<PersonRow | null> {
    return this.people.add(id);
  }

  // concurrent sends share one read
  private readonly people = new TickBatch<string, PersonRow | null>(async (ids) => {
    const rows = await rowsByKey(
      ids,
      (inList, params) =>
        this.sql.query<PersonPhoneRow>(
          'SELECT p.id, p.object_type, p.name, p.account_id, p.enrolled, p.do_not_call, p.do_not_sms, pp.field, pp.e164, ' +
            'h.id AS holder_id, h.do_not_call AS holder_do_not_call, h.do_not_sms AS holder_do_not_sms ' +
            'FROM prospects p LEFT JOIN prospect_phones pp ON pp.prospect_id = p.id ' +
            'LEFT JOIN prospect_phones hp ON hp.e164 = pp.e164 LEFT JOIN prospects h ON h.id = hp.prospect_id ' +
            `WHERE p.id IN (${inList}) ORDER BY p.id, pp.position ASC, pp.field ASC`,
          params,
        ),
      (row) => row.id,
    );
    return rows.map(toPerson);
  });

  /** Every mirrored person holding any of these numbers, with the number; pass a unit's `tx` to read inside it. */
  async holdingAny(e164s: readonly string[], on: Sql = this.sql): Promise<{ e164: string; prospect: Prospect }[]> {
    const held: { e164: string; prospect: Prospect }[] = [];
    for (const chunk of chunksOf(e164s, 1)) {
      const rows = await on.query<ProspectColumns & { e164: string }>(
        `SELECT pp.e164, ${PROSPECT_COLUMNS.map((c) => `p.${c}`).join(', ')} FROM prospect_phones pp JOIN prospects p ON p.id = pp.prospect_id ` +
          `WHERE pp.e164 IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const row of rows) held.push({ e164: row.e164, prospect: toProspect(row) });
    }
    return held;
  }

  /** Every mirrored person holding this number, once each. */
  async holdersOf(e164: string): Promise<HolderRow[]> {
    const rows = await this.sql.query<{ id: string; do_not_call: unknown; do_not_sms: unknown }>(
      'SELECT DISTINCT p.id, p.do_not_call, p.do_not_sms FROM prospect_phones pp JOIN prospects p ON p.id = pp.prospect_id WHERE pp.e164 = $1',
      [e164],
    );
    return rows.map((r) => ({ prospectId: r.id, doNotCall: bool(r.do_not_call), doNotSms: bool(r.do_not_sms) }));
  }

  /** Every mirrored person holding this number, with their name and object, by id; pass a unit's `tx` to read inside it. */
  async holdersWithDetails(e164: string, on: Sql = this.sql): Promise<HolderDetails[]> {
    const rows = await on.query<{ id: string; name: string; object_type: PeopleObject; do_not_call: unknown; do_not_sms: unknown }>(
      'SELECT DISTINCT p.id, p.name, p.object_type, p.do_not_call, p.do_not_sms FROM prospect_phones pp JOIN prospects p ON p.id = pp.prospect_id WHERE pp.e164 = $1 ORDER BY p.id',
      [e164],
    );
    return rows.map((r) => ({ prospectId: r.id, name: r.name, objectType: r.object_type, doNotCall: bool(r.do_not_call), doNotSms: bool(r.do_not_sms) }));
  }

  /** The object (Contact, Lead) of each of these people that is mirrored. */
  async objectTypes(ids: readonly string[]): Promise<Map<string, PeopleObject>> {
    const types = new Map<string, PeopleObject>();
    for (const chunk of chunksOf(ids, 1)) {
      const rows = await this.sql.query<{ id: string; object_type: PeopleObject }>(`SELECT id, object_type FROM prospects WHERE id IN (${placeholders(chunk.length)})`, chunk);
      for (const r of rows) types.set(r.id, r.object_type);
    }
    return types;
  }

  /**
   * People whose name holds `nameFragment` (any letter case), or who hold the number `e164`, or a
   * number holding `digits`, by name, at most `limit`. A name or digit fragment scans the mirror
   * (stopping at `limit` matches found); an exact number uses the phone index.
   */
  async search(by: { nameFragment: string } | { e164: string } | { digits: string }, limit: number): Promise<PersonMatch[]> {
    const [where, value] =
      'e164' in by
        ? ['pp.e164 = $1', by.e164]
        : 'digits' in by
          ? ["pp.e164 LIKE $1 ESCAPE '!'", `%${by.digits}%`]
          : ["LOWER(p.name) LIKE $1 ESCAPE '!'", `%${escapeLike(by.nameFragment.toLowerCase())}%`];
    const fromPhones = 'nameFragment' in by ? 'prospects p' : 'prospect_phones pp JOIN prospects p ON p.id = pp.prospect_id';
    const people = await this.sql.query<{ id: string; object_type: PeopleObject; name: string }>(
      `SELECT DISTINCT p.id, p.object_type, p.name FROM ${fromPhones} WHERE ${where} ORDER BY p.name, p.id LIMIT $2`,
      [value, limit],
    );
    if (people.length === 0) return [];
    const phones = await this.sql.query<{ prospect_id: string; e164: string }>(
      `SELECT prospect_id, e164 FROM prospect_phones WHERE prospect_id IN (${people.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY position`,
      people.map((p) => p.id),
    );
    return people.map((p) => ({
      id: p.id,
      type: p.object_type,
      name: p.name,
      phoneNumbers: [...new Set(phones.filter((ph) => ph.prospect_id === p.id).map((ph) => ph.e164))],
    }));
  }

  // ---- the directory's reads (crm/prospect-directory.service.ts), on the connection it passes ----

  /** These people as mirrored (the ones that are), each with their phones by position; in no particular order. */
  async withPhones(on: Sql, ids: readonly string[]): Promise<ProspectWithPhones[]> {
    const people: ProspectWithPhones[] = [];
    for (const chunk of chunksOf(ids, 1)) {
      const list = placeholders(chunk.length);
      const rows = await on.query<ProspectColumns>(`SELECT ${PROSPECT_COLUMNS.join(', ')} FROM prospects WHERE id IN (${list})`, chunk);
      const phones = await on.query<{ prospect_id: string; field: string; e164: string }>(
        `SELECT prospect_id, field, e164 FROM prospect_phones WHERE prospect_id IN (${list}) ORDER BY position ASC`,
        chunk,
      );
      const phonesOf = new Map<string, { field: string; e164: string }[]>();
      for (const phone of phones) {
        const of = phonesOf.get(phone.prospect_id) ?? [];
        of.push({ field: phone.field, e164: phone.e164 });
        phonesOf.set(phone.prospect_id, of);
      }
      for (const row of rows) {
        const { syncedAt: _syncedAt, ...person } = toProspect(row);
        people.push({ ...person, phones: phonesOf.get(row.id) ?? [] });
      }
    }
    return people;
  }

  /** The ids of the people holding this number, once each. */
  async idsHolding(on: Sql, e164: string): Promise<string[]> {
    const rows = await on.query<{ prospect_id: string }>('SELECT DISTINCT prospect_id FROM prospect_phones WHERE e164 = $1', [e164]);
    return rows.map((r) => r.prospect_id);
  }

  /** The ids of the Contacts of an Account. */
  async contactIdsOf(on: Sql, accountId: string): Promise<string[]> {
    const rows = await on.query<{ id: string }>("SELECT id FROM prospects WHERE account_id = $1 AND object_type = 'Contact'", [accountId]);
    return rows.map((r) => r.id);
  }

  // ---- the CRM activity log (sync/task-source.loader.ts) --------------------------------------

  /** Who each of these people is (id, object, name, account), for the ones mirrored. */
  async summaries(ids: readonly string[]): Promise<Map<string, ProspectSummary>> {
    const found = new Map<string, ProspectSummary>();
    for (const chunk of chunksOf(ids, 1)) {
      const rows = await this.sql.query<{ id: string; object_type: PeopleObject; name: string; account_id: string | null }>(
        `SELECT id, object_type, name, account_id FROM prospects WHERE id IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const r of rows) found.set(r.id, { id: r.id, objectType: r.object_type, name: r.name, accountId: r.account_id });
    }
    return found;
  }

  // ---- consent's write -------------------------------------------------------------------------

  /**
   * The mirror's Do-Not-SMS flag of these people, set as an opt-out (or an opt-in) queued it for
   * the CRM, so the mirror shows what the CRM will hold once the write-back lands.
   */
  async setDoNotSms(tx: Sql, ids: readonly string[], value: boolean): Promise<void> {
    for (const chunk of chunksOf(ids, 1)) await tx.run(`UPDATE prospects SET do_not_sms = $1 WHERE id IN (${placeholders(chunk.length, 2)})`, [value, ...chunk]);
  }

  // ---- the mirror's writes ---------------------------------------------------------------------

  /** Inserts or updates these people (the last of each id), stamped `syncedAt`, their phones replaced; returns how many. */
  async upsert(tx: Sql, prospects: readonly ProspectRow[], syncedAt: string): Promise<number> {
    const rows = lastPerId(prospects);
    for (const chunk of chunksOf(rows, PROSPECT_COLUMNS.length)) {
      const params: SqlValue[] = chunk.flatMap((p) => [p.id, p.objectType, p.name, p.accountId, p.ownerId, p.doNotCall, p.doNotSms, p.enrolled, p.systemModstamp, syncedAt]);
      await tx.run(upsertText('prospects', PROSPECT_COLUMNS, valuesList(chunk.length, PROSPECT_COLUMNS.length)), params);
    }
    await this.deletePhones(tx, rows.map((p) => p.id));
    const phones = rows.flatMap((p) => p.phones.map((phone): SqlValue[] => [p.id, phone.field, phone.position, phone.e164]));
    for (const chunk of chunksOf(phones, PHONE_COLUMNS.length)) {
      await tx.run(`INSERT INTO prospect_phones (${PHONE_COLUMNS.join(', ')}) VALUES ${valuesList(chunk.length, PHONE_COLUMNS.length)}`, chunk.flat());
    }
    return rows.length;
  }

  /** Removes these people and their phones; returns how many were there. */
  async remove(tx: Sql, ids: readonly string[]): Promise<number> {
    await this.deletePhones(tx, ids);
    let removed = 0;
    for (const chunk of chunksOf(ids, 1)) removed += await tx.run(`DELETE FROM prospects WHERE id IN (${placeholders(chunk.length)})`, chunk);
    return removed;
  }

  /** full-resync: removes the people of `objectType` not written since `before`, and their phones; returns how many. */
  async sweep(tx: Sql, objectType: string, before: string): Promise<number> {
    await tx.run('DELETE FROM prospect_phones WHERE prospect_id IN (SELECT id FROM prospects WHERE object_type = $1 AND synced_at < $2)', [objectType, before]);
    return tx.run('DELETE FROM prospects WHERE object_type = $1 AND synced_at < $2', [objectType, before]);
  }

  private async deletePhones(tx: Sql, prospectIds: readonly string[]): Promise<void> {
    for (const chunk of chunksOf(prospectIds, 1)) await tx.run(`DELETE FROM prospect_phones WHERE prospect_id IN (${placeholders(chunk.length)})`, chunk);
  }
}

/** A LIKE pattern's wildcards taken literally (escape character `!`). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

interface PersonPhoneRow {
  id: string;
  object_type: PeopleObject;
  name: string;
  account_id: string | null;
  enrolled: unknown;
  do_not_call: unknown;
  do_not_sms: unknown;
  field: string | null;
  e164: string | null;
  holder_id: string | null;
  holder_do_not_call: unknown;
  holder_do_not_sms: unknown;
}

/** A person's rows (one per phone and holder of it) as one PersonRow; null when there are none. */
function toPerson(rows: PersonPhoneRow[]): PersonRow | null {
  if (rows.length === 0) return null;
  const p = rows[0];
  const phones: PersonRow['phones'] = [];
  const seenPhones = new Set<string>();
  const holders = new Map<string, HolderRow[]>();
  for (const r of rows) {
    if (r.e164 === null || r.field === null) continue;
    const phoneKey = `${r.field}\u0000${r.e164}`;
    if (!seenPhones.has(phoneKey)) {
      seenPhones.add(phoneKey);
      phones.push({ field: r.field, e164: r.e164 });
    }
    let list = holders.get(r.e164);
    if (!list) holders.set(r.e164, (list = []));
    if (r.holder_id !== null && !list.some((h) => h.prospectId === r.holder_id)) {
      list.push({ prospectId: r.holder_id, doNotCall: bool(r.holder_do_not_call), doNotSms: bool(r.holder_do_not_sms) });
    }
  }
  return {
    id: p.id,
    objectType: p.object_type,
    name: p.name,
    accountId: p.account_id,
    enrolled: bool(p.enrolled),
    doNotCall: bool(p.do_not_call),
    doNotSms: bool(p.do_not_sms),
    phones,
    holders,
  };
}

interface ProspectColumns {
  id: string;
  object_type: PeopleObject;
  name: string;
  account_id: string | null;
  owner_id: string | null;
  do_not_call: unknown;
  do_not_sms: unknown;
  enrolled: unknown;
  system_modstamp: string;
  synced_at: string;
}

function toProspect(row: ProspectColumns): Prospect {
  return {
    id: row.id,
    objectType: row.object_type,
    name: row.name,
    accountId: row.account_id,
    ownerId: row.owner_id,
    doNotCall: bool(row.do_not_call),
    doNotSms: bool(row.do_not_sms),
    enrolled: bool(row.enrolled),
    systemModstamp: row.system_modstamp,
    syncedAt: row.synced_at,
  };
}
