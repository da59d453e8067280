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
exports.SegmentsDto = exports.SendMessageDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
class SendMessageDto {
    recordId;
    from;
    to;
    body;
    idempotencyKey;
}
exports.SendMessageDto = SendMessageDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: '003000000000001AAA', description: 'Contact, Lead, Account or Task id (15 or 18 characters)' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(40),
    __metadata("design:type", String)
], SendMessageDto.prototype, "recordId", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '+14155550142', description: 'one of your SMS-enabled direct numbers (E.164 or any common format, or its id)' }),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(40),
    __metadata("design:type", String)
], SendMessageDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: '+12125550123', description: "the recipient; may be omitted when the record has one recipient phone" }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(40),
    __metadata("design:type", String)
], SendMessageDto.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Hi Casey, following up on our call.', description: 'an empty body is refused 422 EMPTY_BODY' }),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], SendMessageDto.prototype, "body", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'a retry with the same key returns the first result and sends nothing again' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.IsNotEmpty)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], SendMessageDto.prototype, "idempotencyKey", void 0);
class SegmentsDto {
    body;
}
exports.SegmentsDto = SegmentsDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Hi Casey — can we talk at 3?' }),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], SegmentsDto.prototype, "body", void 0);
//# sourceMappingURL=send-message.dto.js.map