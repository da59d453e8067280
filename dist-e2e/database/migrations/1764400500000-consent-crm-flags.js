"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsentCrmFlags1764400500000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * `consent_crm_flags`: the prospects whose Do_Not_SMS__c the service set because their number
 * opted out, and whether the flag was already set (by people) before. An opt-in clears only the
 * flags the service set, so a Do-Not-SMS a person set in the CRM stays in force.
 */
class ConsentCrmFlags1764400500000 {
    name = 'ConsentCrmFlags1764400500000';
    async up(queryRunner) {
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'consent_crm_flags',
            columns: [
                { name: 'phone_number', type: 'varchar', length: '16', isPrimary: true },
                { name: 'prospect_id', type: 'varchar', length: '18', isPrimary: true },
                { name: 'set_before', type: 'boolean', isNullable: false },
                { name: 'created_at', type: 'varchar', length: '30', isNullable: false },
            ],
        }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('consent_crm_flags');
    }
}
exports.ConsentCrmFlags1764400500000 = ConsentCrmFlags1764400500000;
//# sourceMappingURL=1764400500000-consent-crm-flags.js.map