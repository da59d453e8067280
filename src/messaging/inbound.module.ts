import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CrmMirrorModule } from '../crm/crm-mirror.module';
import { NumbersModule } from '../numbers/numbers.module';
import { ConversationMatcher } from './conversation-matcher';
import { InboundController } from './inbound.controller';
import { InboundService } from './inbound.service';
import { KeywordReplySender } from './replies/keyword-reply-sender.service';
import { KeywordReplySweep } from './replies/keyword-reply-sweep.service';
import { KeywordRepliesJob } from './replies/keyword-replies.job';
import { SendingModule } from './sending.module';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/**
 * Replies from prospects (the inbound webhook and its keywords), the keyword replies we text back
 * (sent once, repaired by the `keyword-replies` job) and the thread view.
 */
@Module({
  imports: [SendingModule, CrmMirrorModule, NumbersModule, AuthModule],
  controllers: [InboundController, ThreadsController],
  providers: [InboundService, ConversationMatcher, ThreadsService, TwilioSignatureGuard, KeywordReplySender, KeywordReplySweep, KeywordRepliesJob],
  exports: [ThreadsService, KeywordReplySender],
})
export class InboundModule {}
