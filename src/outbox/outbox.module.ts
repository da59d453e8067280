import { Global, Module } from '@nestjs/common';
import { OutboxStore } from './outbox.store';
import { OutboxService } from './outbox.service';

@Global()
@Module({ providers: [OutboxService, OutboxStore], exports: [OutboxService, OutboxStore] })
export class OutboxModule {}
