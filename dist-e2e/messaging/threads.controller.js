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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ThreadsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const domain_error_1 = require("../common/domain-error");
const thread_page_1 = require("./thread-page");
const thread_page_dto_1 = require("./thread-page.dto");
const threads_service_1 = require("./threads.service");
let ThreadsController = class ThreadsController {
    threads;
    constructor(threads) {
        this.threads = threads;
    }
    async messages(salesforceId, query, request, reply) {
        const before = query.before === undefined ? null : (0, thread_page_1.decodeCursor)(query.before);
        if (query.before !== undefined && !before)
            throw new domain_error_1.DomainError('VALIDATION_FAILED', '"before" is not a cursor this service gave out.');
        const limit = query.limit ?? thread_page_1.THREAD_PAGE_DEFAULT;
        const page = await this.threads.forProspect(salesforceId, before, limit);
        if (page.next) {
            const cursor = (0, thread_page_1.encodeCursor)(page.next);
            const path = request.url.split('?')[0];
            reply.header('X-Next-Cursor', cursor);
            reply.header('Link', `<${path}?before=${cursor}&limit=${limit}>; rel="next"`);
        }
        return page.messages;
    }
};
exports.ThreadsController = ThreadsController;
__decorate([
    (0, common_1.Get)(':salesforceId/messages'),
    (0, swagger_1.ApiOperation)({
        summary: "The prospect's messages with all reps and sender numbers: the newest page first, oldest first within a page",
        description: 'Paged by cursor: when older messages exist, the answer carries `X-Next-Cursor` and `Link: <…?before=cursor&limit=n>; rel="next"`; ' +
            'pass the cursor back as `before` for the page before this one.',
    }),
    (0, swagger_1.ApiParam)({ name: 'salesforceId', description: 'Contact or Lead id, 15 or 18 characters' }),
    (0, swagger_1.ApiOkResponse)({ description: 'messages, oldest first' }),
    __param(0, (0, common_1.Param)('salesforceId')),
    __param(1, (0, common_1.Query)()),
    __param(2, (0, common_1.Req)()),
    __param(3, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, thread_page_dto_1.ThreadPageQuery, Object, Object]),
    __metadata("design:returntype", Promise)
], ThreadsController.prototype, "messages", null);
exports.ThreadsController = ThreadsController = __decorate([
    (0, swagger_1.ApiTags)('reps'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/prospects'),
    __metadata("design:paramtypes", [threads_service_1.ThreadsService])
], ThreadsController);
//# sourceMappingURL=threads.controller.js.map