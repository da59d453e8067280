"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=refusal.js.map