import { Injectable } from '@nestjs/common';
import { toId18 } from '../common/salesforce-id';
import type { Sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { AccountsStore } from './mirror/accounts.store';
import { ProspectsStore, type ProspectWithPhones } from './mirror/prospects.store';

/** A mirrored Contact or Lead with its valid phone numbers, in the mapping's priority order. */
export type ProspectView = ProspectWithPhones;

export interface AccountView {
  id: string;
  name: string;
}

/**
 * Lookups over the mirror, for the send gate, the send screen and inbound matching: decided
 * locally, no Salesforce call. Reads are serialised with the mirror's writes on SQLite (one shared
 * connection), so a page being committed is never seen half-written.
 */
@Injectable()
export class ProspectDirectory {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly prospects: ProspectsStore,
    private readonly accounts: AccountsStore,
  ) {}

  /** Every prospect holding this E.164 number in a mapped phone field (a shared company line gives several). */
  findByPhone(e164: string): Promise<ProspectView[]> {
    return this.read(async (on) => this.views(on, await this.prospects.idsHolding(on, e164)));
  }

  /** A prospect by Salesforce id (15 or 18 characters); null when it is not in the mirror. */
  findById(id: string): Promise<ProspectView | null> {
    const id18 = toId18(id);
    if (!id18) return Promise.resolve(null);
    return this.read(async (on) => (await this.views(on, [id18]))[0] ?? null);
  }

  /** Several prospects by id, in no particular order; unknown ids are left out. */
  findByIds(ids: string[]): Promise<ProspectView[]> {
    const ids18 = ids.map(toId18).filter((id): id is string => id !== null);
    return this.read((on) => this.views(on, ids18));
  }

  /** The Contacts of an Account, enrolled or not, by name: the people an Account's send context leads to. */
  contactsOfAccount(accountId: string): Promise<ProspectView[]> {
    const id18 = toId18(accountId);
    if (!id18) return Promise.resolve([]);
    return this.read(async (on) => this.views(on, await this.prospects.contactIdsOf(on, id18)));
  }

  findAccount(accountId: string): Promise<AccountView | null> {
    const id18 = toId18(accountId);
    if (!id18) return Promise.resolve(null);
    return this.read((on) => this.accounts.find(on, id18));
  }

  private read<T>(work: (on: Sql) => Promise<T>): Promise<T> {
    return this.uow.sql.engine === 'sqlite' ? this.uow.unit(work) : work(this.uow.sql);
  }

  private async views(on: Sql, ids: string[]): Promise<ProspectView[]> {
    if (ids.length === 0) return [];
    const people = await this.prospects.withPhones(on, ids);
    return people.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
