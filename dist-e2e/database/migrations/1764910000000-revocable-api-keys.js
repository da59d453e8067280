"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RevocableApiKeys1764910000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * A user's API key can be revoked (`DELETE /api/admin/users/{id}/keys`): `users.api_key_hash`
 * becomes nullable, NULL meaning "no valid key" until the next rotation. The unique constraint
 * stays (both engines allow any number of NULLs under it).
 */
class RevocableApiKeys1764910000000 {
    name = 'RevocableApiKeys1764910000000';
    async up(queryRunner) {
        // isUnique as before: TypeORM compares it with the old column and would drop the constraint
        await queryRunner.changeColumn('users', 'api_key_hash', new typeorm_1.TableColumn({ name: 'api_key_hash', type: 'varchar', length: '64', isNullable: true, isUnique: true }));
    }
    async down(queryRunner) {
        // a revoked user gets a key nobody holds (the hash of random bytes), so the column can be required again
        await queryRunner.query(`UPDATE users SET api_key_hash = ${queryRunner.connection.driver.options.type === 'postgres' ? "md5(random()::text) || md5(random()::text)" : 'lower(hex(randomblob(32)))'} WHERE api_key_hash IS NULL`);
        await queryRunner.changeColumn('users', 'api_key_hash', new typeorm_1.TableColumn({ name: 'api_key_hash', type: 'varchar', length: '64', isNullable: false, isUnique: true }));
    }
}
exports.RevocableApiKeys1764910000000 = RevocableApiKeys1764910000000;
//# sourceMappingURL=1764910000000-revocable-api-keys.js.map