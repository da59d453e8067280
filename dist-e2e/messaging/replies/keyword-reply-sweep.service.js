"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeywordReplySweep = exports.REPLY_SWEEP_BATCH = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const clock_1 = require("../../common/clock");
const unit_of_work_1 = require("../../database/unit-of-work");
const message_entity_1 = require("../message.entity");
const keyword_reply_sender_service_1 = require("./keyword-reply-sender.service");
const reply_send_policy_1 = require("./reply-send-policy");
/** Replies looked at per sweep; the rest wait for the next tick. */
exports.REPLY_SWEEP_BATCH = 100;
/**
 * The repair for keyword replies left queued: the process died between the inbound commit and the
 * provider call, or the provider was unavailable then. Run as the job `keyword-replies`
 * (keyword-replies.job.ts: REPLY_SWEEP_CRON, and once at boot), each pass picks the service's own replies (`reply_to_id` set) still queued with no sid and nobody holding
 * them, older than the grace period (so it never steps on the inbound path) and past their
 * back-off, and hands each to KeywordReplySender, whose claim makes the send happen once however
 * many sweeps and processes run. A rep's send (`POST /api/messages`) has no `reply_to_id` and is
 * never picked: a failed one stays failed on purpose.
 */
let KeywordReplySweep = class KeywordReplySweep {
    dataSource;
    uow;
    sender;
    clock;
    logger = new common_1.Logger('KeywordReplySweep');
    constructor(dataSource, uow, sender, clock) {
        this.dataSource = dataSource;
        this.uow = uow;
        this.sender = sender;
        this.clock = clock;
    }
    /** One pass. Safe to run concurrently with itself, the inbound path and other processes. */
    async sweep() {
        const now = this.clock.now().getTime();
        const report = { abandoned: await this.giveUpAbandoned(now), sent: 0, retrying: 0, failed: 0, skipped: 0 };
        for (const reply of await this.dueReplies(now)) {
            try {
                const outcome = await this.sender.send(reply);
                if (!outcome)
                    report.skipped++;
                else if (outcome.retrying)
                    report.retrying++;
                else if (outcome.status === 'failed')
                    report.failed++;
                else
                    report.sent++;
            }
            catch (error) {
                // a database error after the claim: the reply stays claimed and is given up later, never re-sent
                this.logger.warn({ msg: 'keyword reply sweep: one reply could not be settled', messageId: reply.id, reason: error instanceof Error ? error.message : String(error) });
            }
        }
        if (report.abandoned + report.sent + report.retrying + report.failed > 0)
            this.logger.log({ msg: 'keyword replies swept', ...report });
        return report;
    }
    async dueReplies(now) {
        const candidates = await this.dataSource.getRepository(message_entity_1.Message).find({
            select: { id: true, fromNumber: true, toNumber: true, body: true, prospectId: true, sendAttempts: true, updatedAt: true },
            where: {
                direction: 'outbound',
                status: 'queued',
                replyToId: (0, typeorm_1.Not)((0, typeorm_1.IsNull)()),
                providerSid: (0, typeorm_1.IsNull)(),
                sendClaimedAt: (0, typeorm_1.IsNull)(),
                updatedAt: (0, typeorm_1.LessThan)(new Date(now - reply_send_policy_1.REPLY_SWEEP_GRACE_MS).toISOString()),
            },
            order: { updatedAt: 'ASC' },
            take: exports.REPLY_SWEEP_BATCH,
        });
        return candidates.filter((reply) => (0, reply_send_policy_1.replyDueAt)(reply.updatedAt, reply.sendAttempts) <= now);
    }
    /** Replies claimed long ago with no outcome: the send may have happened, so failed, not re-sent. */
    async giveUpAbandoned(now) {
        const result = await this.uow.run((manager) => manager
            .createQueryBuilder()
            .update(message_entity_1.Message)
            .set({ status: 'failed', errorCode: reply_send_policy_1.UNCONFIRMED, updatedAt: new Date(now).toISOString() })
            .where("status = 'queued' AND provider_sid IS NULL AND reply_to_id IS NOT NULL AND send_claimed_at < :cutoff", {
            cutoff: new Date(now - reply_send_policy_1.REPLY_CLAIM_ABANDONED_MS).toISOString(),
        })
            .execute());
        const abandoned = result.affected ?? 0;
        if (abandoned > 0)
            this.logger.warn({ msg: 'keyword replies abandoned mid-send given up as failed (they may have gone out)', count: abandoned });
        return abandoned;
    }
};
exports.KeywordReplySweep = KeywordReplySweep;
exports.KeywordReplySweep = KeywordReplySweep = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork,
        keyword_reply_sender_service_1.KeywordReplySender,
        clock_1.Clock])
], KeywordReplySweep);
//# sourceMappingURL=keyword-reply-sweep.service.js.map