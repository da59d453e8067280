"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var DatabaseModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const sql_1 = require("./sql");
const unit_of_work_1 = require("./unit-of-work");
/**
 * Provides the opened DataSource (migrated before the app is built, see main.ts / createApp),
 * the UnitOfWork every write goes through, and `Sql` for plain-SQL reads outside it.
 */
let DatabaseModule = DatabaseModule_1 = class DatabaseModule {
    static forDataSource(dataSource) {
        return {
            module: DatabaseModule_1,
            providers: [{ provide: typeorm_1.DataSource, useValue: dataSource }, unit_of_work_1.UnitOfWork, { provide: sql_1.Sql, useFactory: (uow) => uow.sql, inject: [unit_of_work_1.UnitOfWork] }],
            exports: [typeorm_1.DataSource, unit_of_work_1.UnitOfWork, sql_1.Sql],
        };
    }
};
exports.DatabaseModule = DatabaseModule;
exports.DatabaseModule = DatabaseModule = DatabaseModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], DatabaseModule);
//# sourceMappingURL=database.module.js.map