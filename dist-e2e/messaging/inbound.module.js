"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.InboundModule = void 0;
const common_1 = require("@nestjs/common");
const conversation_matcher_1 = require("./conversation-matcher");
const inbound_controller_1 = require("./inbound.controller");
const inbound_service_1 = require("./inbound.service");
const keyword_reply_sender_service_1 = require("./replies/keyword-reply-sender.service");
const keyword_reply_sweep_service_1 = require("./replies/keyword-reply-sweep.service");
const keyword_replies_job_1 = require("./replies/keyword-replies.job");
const sending_module_1 = require("./sending.module");
const threads_controller_1 = require("./threads.controller");
const threads_service_1 = require("./threads.service");
const twilio_signature_guard_1 = require("./twilio-signature.guard");
/**
 * Replies from prospects (the inbound webhook and its keywords), the keyword replies we text back
 * (sent once, repaired by the `keyword-replies` job) and the thread view.
 */
let InboundModule = class InboundModule {
};
exports.InboundModule = InboundModule;
exports.InboundModule = InboundModule = __decorate([
    (0, common_1.Module)({
        imports: [sending_module_1.SendingModule],
        controllers: [inbound_controller_1.InboundController, threads_controller_1.ThreadsController],
        providers: [inbound_service_1.InboundService, conversation_matcher_1.ConversationMatcher, threads_service_1.ThreadsService, twilio_signature_guard_1.TwilioSignatureGuard, keyword_reply_sender_service_1.KeywordReplySender, keyword_reply_sweep_service_1.KeywordReplySweep, keyword_replies_job_1.KeywordRepliesJob],
        exports: [threads_service_1.ThreadsService],
    })
], InboundModule);
//# sourceMappingURL=inbound.module.js.map