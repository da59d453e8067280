import { Global, Injectable, Module } from '@nestjs/common';
import { ConsentMessages, type LedgerMessage } from '../consent/consent-messages.port';
import { MessagesStore } from './messages.store';
import { SendingModule } from './sending.module';

/** Messaging's side of the consent ledger's port: the messages behind consent events. */
@Injectable()
export class ConsentMessagesReader extends ConsentMessages {
  constructor(private readonly store: MessagesStore) {
    super();
  }

  async findByIds(ids: string[]): Promise<LedgerMessage[]> {
    if (ids.length === 0) return [];
    const messages = await this.store.byIds(ids);
    return messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, from: m.fromNumber, to: m.toNumber, createdAt: m.createdAt }));
  }
}

/** Global, so the consent context's ledger finds its port without importing messaging. */
@Global()
@Module({ imports: [SendingModule], providers: [{ provide: ConsentMessages, useClass: ConsentMessagesReader }], exports: [ConsentMessages] })
export class ConsentMessagesModule {}
