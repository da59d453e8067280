import { Module } from '@nestjs/common';
import { ConversationMatcher } from './conversation-matcher';
import { InboundController } from './inbound.controller';
import { InboundService } from './inbound.service';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/** Replies from prospects (the inbound webhook and its keywords) and the thread view. */
@Module({
  controllers: [InboundController, ThreadsController],
  providers: [InboundService, ConversationMatcher, ThreadsService, TwilioSignatureGuard],
  exports: [ThreadsService],
})
export class InboundModule {}
