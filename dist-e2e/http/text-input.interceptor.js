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
exports.TextInputInterceptor = exports.ReplaceInvalidText = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const rxjs_1 = require("rxjs");
const domain_error_1 = require("../common/domain-error");
const text_input_1 = require("./text-input");
const REPLACE_INVALID_TEXT = 'replaceInvalidText';
/**
 * For a provider's webhook: a NUL or lone surrogate in the body is replaced by U+FFFD (after the
 * signature was checked against the body as sent), never refused: the provider would retry a
 * refusal forever and the message would be lost.
 */
const ReplaceInvalidText = () => (0, common_1.SetMetadata)(REPLACE_INVALID_TEXT, true);
exports.ReplaceInvalidText = ReplaceInvalidText;
/**
 * Runs after the guards (the key, the role, a webhook's signature) and before validation: a NUL or
 * a lone surrogate anywhere in the path parameters, the query or the body is refused with 400
 * VALIDATION_FAILED naming the field (`details.field`, `details.in`, `details.problems`), so no
 * such string reaches a service or either database. Routes marked `@ReplaceInvalidText()` get the
 * characters replaced instead.
 */
let TextInputInterceptor = class TextInputInterceptor {
    reflector;
    constructor(reflector) {
        this.reflector = reflector;
    }
    intercept(context, next) {
        if (context.getType() !== 'http')
            return next.handle();
        const request = context.switchToHttp().getRequest();
        if (this.reflector.getAllAndOverride(REPLACE_INVALID_TEXT, [context.getHandler(), context.getClass()])) {
            request.body = (0, text_input_1.replaceInvalidText)(request.body);
            return next.handle();
        }
        const parts = [
            ['path', request.params],
            ['query', request.query],
            ['body', request.body],
        ];
        for (const [part, value] of parts) {
            const found = (0, text_input_1.findInvalidText)(value);
            if (!found)
                continue;
            const field = found.field || part;
            return (0, rxjs_1.throwError)(() => new domain_error_1.DomainError('VALIDATION_FAILED', `The request is not valid: ${field} ${found.problem}.`, { field, in: part, problems: [`${field} ${found.problem}`] }));
        }
        return next.handle();
    }
};
exports.TextInputInterceptor = TextInputInterceptor;
exports.TextInputInterceptor = TextInputInterceptor = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector])
], TextInputInterceptor);
//# sourceMappingURL=text-input.interceptor.js.map