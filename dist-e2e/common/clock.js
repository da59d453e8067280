"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Clock = void 0;
const common_1 = require("@nestjs/common");
/**
 * The current instant, injected wherever a rule depends on time (quiet hours), so tests pin it:
 * `jest.spyOn(app.get(Clock), 'now').mockReturnValue(new Date('2026-07-15T16:00:00Z'))`.
 */
let Clock = class Clock {
    now() {
        return new Date();
    }
};
exports.Clock = Clock;
exports.Clock = Clock = __decorate([
    (0, common_1.Injectable)()
], Clock);
//# sourceMappingURL=clock.js.map