import { Global, Module } from '@nestjs/common';
import { OutboxStore } from './outbox.store';

@Global()
@Module({ providers: [OutboxStore], exports: [OutboxStore] })
export class OutboxModule {}
