import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { toId18 } from '../common/salesforce-id';
import { UnitOfWork } from '../database/unit-of-work';
import { Account } from './account.entity';
import { Prospect, type PeopleObject } from './prospect.entity';
import { ProspectPhone } from './prospect-phone.entity';

/** A mirrored Contact or Lead with its valid phone numbers, in the mapping's priority order. */
export interface ProspectView {
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
  private readonly serialise: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  /** Every prospect holding this E.164 number in a mapped phone field (a shared company line gives several). */
  findByPhone(e164: string): Promise<ProspectView[]> {
    return this.read(async (manager) => {
      const hits = await manager.getRepository(ProspectPhone).find({ where: { e164 }, select: { prospectId: true } });
      return this.views(manager, [...new Set(hits.map((h) => h.prospectId))]);
    });
  }

  /** A prospect by Salesforce id (15 or 18 characters); null when it is not in the mirror. */
  findById(id: string): Promise<ProspectView | null> {
    const id18 = toId18(id);
    if (!id18) return Promise.resolve(null);
    return this.read(async (manager) => (await this.views(manager, [id18]))[0] ?? null);
  }

  /** Several prospects by id, in no particular order; unknown ids are left out. */
  findByIds(ids: string[]): Promise<ProspectView[]> {
    const ids18 = ids.map(toId18).filter((id): id is string => id !== null);
    return this.read((manager) => this.views(manager, ids18));
  }

  /** The Contacts of an Account, enrolled or not, by name: the people an Account's send context leads to. */
  contactsOfAccount(accountId: string): Promise<ProspectView[]> {
    const id18 = toId18(accountId);
    if (!id18) return Promise.resolve([]);
    return this.read(async (manager) => {
      const rows = await manager.getRepository(Prospect).find({ where: { accountId: id18, objectType: 'Contact' }, select: { id: true } });
      return this.views(manager, rows.map((r) => r.id));
    });
  }

  findAccount(accountId: string): Promise<AccountView | null> {
    const id18 = toId18(accountId);
    if (!id18) return Promise.resolve(null);
    return this.read(async (manager) => {
      const account = await manager.getRepository(Account).findOneBy({ id: id18 });
      return account ? { id: account.id, name: account.name } : null;
    });
  }

  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serialise ? this.uow.run(work) : work(this.dataSource.manager);
  }

  private async views(manager: EntityManager, ids: string[]): Promise<ProspectView[]> {
    if (ids.length === 0) return [];
    const [prospects, phones] = await Promise.all([
      manager.getRepository(Prospect).find({ where: { id: In(ids) } }),
      manager.getRepository(ProspectPhone).find({ where: { prospectId: In(ids) }, order: { position: 'ASC' } }),
    ]);
    const phonesOf = new Map<string, ProspectView['phones']>();
    for (const phone of phones) {
      const list = phonesOf.get(phone.prospectId) ?? [];
      list.push({ field: phone.field, e164: phone.e164 });
      phonesOf.set(phone.prospectId, list);
    }
    return prospects
      .map((p) => ({
        id: p.id,
        objectType: p.objectType,
        name: p.name,
        accountId: p.accountId,
        ownerId: p.ownerId,
        doNotCall: p.doNotCall,
        doNotSms: p.doNotSms,
        enrolled: p.enrolled,
        systemModstamp: p.systemModstamp,
        phones: phonesOf.get(p.id) ?? [],
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
