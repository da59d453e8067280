"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AllExceptionsFilter = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("./domain-error");
const request_context_1 = require("./request-context");
/** Maps every error to the contract's shape: `{error: {code, message, details?}}`. Never a stack trace. */
let AllExceptionsFilter = class AllExceptionsFilter {
    logger = new common_1.Logger('Errors');
    catch(exception, host) {
        const reply = host.switchToHttp().getResponse();
        const { status, body } = this.toResponse(exception);
        // before the handler (a body the parser refused) the log context is not entered yet: the header has it
        const header = reply.raw.getHeader('x-request-id');
        body.error.requestId = (0, request_context_1.currentRequestId)() ?? (typeof header === 'string' ? header : undefined);
        if (status >= 500)
            this.logger.error(exception instanceof Error ? exception : String(exception));
        if (reply.sent || reply.raw.headersSent)
            return;
        // JSON even where the route set another type for its answers (a webhook's text/xml)
        void reply.status(status).type('application/json; charset=utf-8').send(body);
    }
    toResponse(exception) {
        if (exception instanceof domain_error_1.DomainError) {
            return { status: exception.status, body: { error: { code: exception.code, message: exception.message, details: exception.details } } };
        }
        if (exception instanceof common_1.HttpException)
            return fromHttpException(exception);
        return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged.' } } };
    }
};
exports.AllExceptionsFilter = AllExceptionsFilter;
exports.AllExceptionsFilter = AllExceptionsFilter = __decorate([
    (0, common_1.Catch)()
], AllExceptionsFilter);
const CODE_BY_STATUS = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    503: 'DEPENDENCY_UNAVAILABLE',
};
function fromHttpException(exception) {
    const status = exception.getStatus();
    // Fastify's body parser errors arrive as HttpExceptions caused by a FastifyError
    const parserError = (exception.cause ?? {});
    if (parserError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || exception.cause instanceof SyntaxError) {
        return { status: 400, body: { error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' } } };
    }
    const raw = exception.getResponse();
    const payload = typeof raw === 'object' && raw !== null ? raw : { message: raw };
    // class-validator failures arrive as a list of messages from the ValidationPipe.
    if (Array.isArray(payload.message)) {
        return {
            status: 400,
            body: { error: { code: 'VALIDATION_FAILED', message: 'The request is not valid.', details: { problems: payload.message } } },
        };
    }
    if (status === 413) {
        return { status, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than allowed.` } } };
    }
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(String(payload.message))) {
        return { status, body: { error: { code: 'NOT_FOUND', message: 'No such route.' } } };
    }
    const code = (typeof payload.code === 'string' && payload.code in domain_error_1.ERROR_STATUS ? payload.code : CODE_BY_STATUS[status]) ?? 'INTERNAL_ERROR';
    const message = typeof payload.message === 'string' ? payload.message : exception.message;
    return { status, body: { error: { code, message: status >= 500 ? 'Something went wrong on our side.' : message } } };
}
//# sourceMappingURL=all-exceptions.filter.js.map