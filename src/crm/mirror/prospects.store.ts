import { Injectable } from '@nestjs/common';
import { bool, Sql } from '../../database/sql';
import type { PeopleObject } from '../prospect.entity';

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
}

/** A mirrored person holding a number, with their CRM flags. */
export interface HolderRow {
  prospectId: string;
  doNotCall: boolean;
  doNotSms: boolean;
}

/** A person found by the console's search: who, and the numbers they can be texted at. */
export interface PersonMatch {
  id: string;
  type: PeopleObject;
  name: string;
  phoneNumbers: string[];
}

/** The hot reads of `prospects` and `prospect_phones` (the send gate's, on every send), in plain SQL. */
@Injectable()
export class ProspectsStore {
  constructor(private readonly sql: Sql) {}

  /** A person (18-character id) and their phones, in one statement; null when not mirrored. */
  async person(id: string): Promise<PersonRow | null> {
    const rows = await this.sql.query<{
      id: string;
      object_type: PeopleObject;
      name: string;
      account_id: string | null;
      enrolled: unknown;
      do_not_call: unknown;
      do_not_sms: unknown;
      field: string | null;
      e164: string | null;
    }>(
      'SELECT p.id, p.object_type, p.name, p.account_id, p.enrolled, p.do_not_call, p.do_not_sms, pp.field, pp.e164 ' +
        'FROM prospects p LEFT JOIN prospect_phones pp ON pp.prospect_id = p.id WHERE p.id = $1 ORDER BY pp.position ASC',
      [id],
    );
    if (rows.length === 0) return null;
    const p = rows[0];
    return {
      id: p.id,
      objectType: p.object_type,
      name: p.name,
      accountId: p.account_id,
      enrolled: bool(p.enrolled),
      doNotCall: bool(p.do_not_call),
      doNotSms: bool(p.do_not_sms),
      phones: rows.filter((r) => r.e164 !== null && r.field !== null).map((r) => ({ field: r.field!, e164: r.e164! })),
    };
  }

  /** Every mirrored person holding this number, once each. */
  async holdersOf(e164: string): Promise<HolderRow[]> {
    const rows = await this.sql.query<{ id: string; do_not_call: unknown; do_not_sms: unknown }>(
      'SELECT DISTINCT p.id, p.do_not_call, p.do_not_sms FROM prospect_phones pp JOIN prospects p ON p.id = pp.prospect_id WHERE pp.e164 = $1',
      [e164],
    );
    return rows.map((r) => ({ prospectId: r.id, doNotCall: bool(r.do_not_call), doNotSms: bool(r.do_not_sms) }));
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
}

/** A LIKE pattern's wildcards taken literally (escape character `!`). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
