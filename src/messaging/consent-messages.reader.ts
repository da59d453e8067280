import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ConsentMessages, type LedgerMessage } from '../consent/consent-messages.port';
import { Message } from './message.entity';

/** Messaging's side of the consent ledger's port: the messages behind consent events. */
@Injectable()
export class ConsentMessagesReader extends ConsentMessages {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async findByIds(ids: string[]): Promise<LedgerMessage[]> {
    if (ids.length === 0) return [];
    const messages = await this.dataSource.getRepository(Message).findBy({ id: In(ids) });
    return messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, from: m.fromNumber, to: m.toNumber, createdAt: m.createdAt }));
  }
}

/** Global, so the consent context's ledger finds its port without importing messaging. */
@Global()
@Module({ providers: [{ provide: ConsentMessages, useClass: ConsentMessagesReader }], exports: [ConsentMessages] })
export class ConsentMessagesModule {}
